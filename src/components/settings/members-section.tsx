"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { UserPlus, Users } from "lucide-react";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { toast } from "@/components/toast";
import { useTRPC } from "@/trpc/react";
import { refreshQueries } from "@/trpc/refresh";
import { ConfirmDialogContent } from "@/components/confirm-dialog";
import { describeError } from "@/components/error-message";
import { ListLoadError, ListSkeleton } from "@/components/list-states";
import { EmptyState } from "@/components/states";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Dialog } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { Table, TableBody, TableCell, TableColumns, TableRow } from "@/components/ui/table";

type TRole = "owner" | "admin" | "member";
const ROLES: TRole[] = ["owner", "admin", "member"];

interface TMember {
  userId: string;
  email: string;
  name: string;
  role: TRole;
}

/** The team's members; owners and admins change roles, remove and add (the server has the last word). */
export function MembersSection({
  team,
  teamName,
  actorRole,
  currentUserId,
}: {
  team: string;
  teamName: string;
  actorRole: TRole | null;
  currentUserId: string;
}) {
  const t = useTranslations("settings");
  const tr = useTranslations("roles");
  const tc = useTranslations("common");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const canManage = actorRole === "owner" || actorRole === "admin";
  // Only an owner may hand out (or take away) the owner role.
  const grantable = ROLES.filter((role) => role !== "owner" || actorRole === "owner");

  const membersQuery = trpc.teams.members.queryOptions({ team });
  const members = useQuery(membersQuery);
  const refresh = () => refreshQueries(queryClient, { queryKey: membersQuery.queryKey });

  const [removing, setRemoving] = useState<TMember | null>(null);

  const changeRole = useMutation(
    trpc.teams.changeRole.mutationOptions({
      onSuccess: async (result, variables) => {
        const member = members.data?.find((m) => m.userId === variables.userId);
        toast.success(t("roleChanged", { name: member?.name ?? member?.email ?? "", role: tr(result.role) }));
        await refresh();
        if (variables.userId === currentUserId) router.refresh();
      },
      onError: (error) => toast.error(describeError(error, tc("unknownError"))),
    }),
  );

  const remove = useMutation(
    trpc.teams.removeMember.mutationOptions({
      onSuccess: async (_result, variables) => {
        const member = members.data?.find((m) => m.userId === variables.userId);
        toast.success(t("removed", { name: member?.name ?? "" }));
        setRemoving(null);
        await refresh();
        if (variables.userId === currentUserId) router.refresh();
      },
    }),
  );

  return (
    <Card aria-labelledby="members-title">
      <CardHeader>
        <CardTitle id="members-title">{t("membersTitle")}</CardTitle>
        <CardDescription>{t("membersDescription")}</CardDescription>
      </CardHeader>
      <CardContent className="space-y-6">
        {members.isPending ? (
          <ListSkeleton rows={2} />
        ) : members.isError ? (
          <ListLoadError message={t("membersError")} error={describeError(members.error, "")} onRetry={() => void members.refetch()} />
        ) : members.data.length === 0 ? (
          <EmptyState icon={<Users />} title={t("membersTitle")} />
        ) : (
          <Table stackOnMobile>
            <TableColumns columns={[t("colName"), t("colEmail"), t("colRole"), canManage && { label: t("colActions"), srOnly: true }]} />
            <TableBody>
              {members.data.map((member) => {
                const isSelf = member.userId === currentUserId;
                // An admin cannot touch an owner; the server refuses it anyway.
                const mayEdit = canManage && (member.role !== "owner" || actorRole === "owner");
                const busy = changeRole.isPending && changeRole.variables?.userId === member.userId;
                return (
                  <TableRow key={member.userId} data-member={member.email}>
                    <TableCell>
                      <div className="font-medium">
                        {member.name}
                        {isSelf ? <span className="font-normal text-muted-foreground"> ({t("you")})</span> : null}
                      </div>
                    </TableCell>
                    <TableCell data-label={t("colEmail")} className="text-muted-foreground max-sm:break-all">
                      {member.email}
                    </TableCell>
                    <TableCell data-label={t("colRole")}>
                      {mayEdit ? (
                        <Select
                          aria-label={t("roleOf", { name: member.name })}
                          value={member.role}
                          disabled={busy}
                          className="w-36"
                          onChange={(event) => changeRole.mutate({ team, userId: member.userId, role: event.target.value as TRole })}
                        >
                          {ROLES.filter((role) => grantable.includes(role) || role === member.role).map((role) => (
                            <option key={role} value={role}>
                              {tr(role)}
                            </option>
                          ))}
                        </Select>
                      ) : (
                        <Badge variant={member.role === "owner" ? "default" : "secondary"}>{tr(member.role)}</Badge>
                      )}
                    </TableCell>
                    {canManage ? (
                      <TableCell className="text-right max-sm:justify-end!">
                        {mayEdit ? (
                          <Button
                            variant="outline"
                            size="sm"
                            aria-label={`${t("remove")} ${member.name}`}
                            onClick={() => {
                              remove.reset();
                              setRemoving(member);
                            }}
                          >
                            {t("remove")}
                          </Button>
                        ) : null}
                      </TableCell>
                    ) : null}
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        )}

        {canManage ? (
          <AddMemberForm team={team} roles={grantable} onAdded={refresh} />
        ) : (
          <p className="text-sm text-muted-foreground">{t("membersReadOnly")}</p>
        )}
      </CardContent>

      <Dialog open={removing !== null} onOpenChange={(open) => (open ? null : setRemoving(null))}>
        {removing ? (
          <ConfirmDialogContent
            title={t("removeTitle", { name: removing.name })}
            description={t("removeDescription", { name: removing.name, email: removing.email, team: teamName })}
            error={remove.isError ? describeError(remove.error, tc("unknownError")) : null}
            confirmLabel={t("removeConfirm")}
            pendingLabel={t("removing")}
            isPending={remove.isPending}
            onConfirm={() => remove.mutate({ team, userId: removing.userId })}
          />
        ) : null}
      </Dialog>
    </Card>
  );
}

function AddMemberForm({ team, roles, onAdded }: { team: string; roles: TRole[]; onAdded: () => Promise<void> }) {
  const t = useTranslations("settings");
  const tr = useTranslations("roles");
  const tc = useTranslations("common");
  const trpc = useTRPC();
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<TRole>("member");

  const add = useMutation(
    trpc.teams.addMember.mutationOptions({
      onSuccess: async (member) => {
        toast.success(t("memberAdded", { email: member.email }));
        setEmail("");
        setRole("member");
        await onAdded();
      },
    }),
  );

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    add.mutate({ team, email: email.trim(), role });
  }

  return (
    <form onSubmit={onSubmit} className="space-y-3 border-t pt-5" aria-labelledby="add-member-title">
      <div>
        <h3 id="add-member-title" className="text-sm font-semibold">
          {t("addMemberTitle")}
        </h3>
        <p className="text-xs text-muted-foreground">{t("addMemberHint")}</p>
      </div>
      <div className="flex flex-col gap-3 sm:flex-row sm:items-end">
        <div className="flex-1 space-y-2">
          <Label htmlFor="member-email">{t("memberEmail")}</Label>
          <Input
            id="member-email"
            type="email"
            required
            autoComplete="off"
            value={email}
            onChange={(event) => {
              setEmail(event.target.value);
              if (add.isError) add.reset();
            }}
          />
        </div>
        <div className="space-y-2">
          <Label htmlFor="member-role">{t("memberRole")}</Label>
          <Select id="member-role" value={role} onChange={(event) => setRole(event.target.value as TRole)} className="w-full sm:w-40">
            {roles.map((r) => (
              <option key={r} value={r}>
                {tr(r)}
              </option>
            ))}
          </Select>
        </div>
        <Button type="submit" disabled={add.isPending || email.trim() === ""}>
          <UserPlus aria-hidden />
          {add.isPending ? t("addingMember") : t("addMember")}
        </Button>
      </div>
      {add.isError ? <Alert variant="error">{describeError(add.error, tc("unknownError"))}</Alert> : null}
    </form>
  );
}
