"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { KeyRound, Plus } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { toast } from "@/components/toast";
import { formatDate } from "@/lib/format";
import { useTRPC } from "@/trpc/react";
import { refreshQueries } from "@/trpc/refresh";
import { ConfirmDialogContent } from "@/components/confirm-dialog";
import { describeError } from "@/components/error-message";
import { ListLoadError, ListSkeleton } from "@/components/list-states";
import { RelativeTime } from "@/components/relative-time";
import { EmptyState } from "@/components/states";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Dialog } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Table, TableBody, TableCell, TableColumns, TableRow } from "@/components/ui/table";
import { SecretOnceBox } from "./secret-once-box";

interface TCreated {
  name: string;
  token: string;
}

/** The user's personal API tokens: create (the secret shown once), list, revoke. */
export function TokensSection() {
  const t = useTranslations("settings");
  const tc = useTranslations("common");
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();

  const listQuery = trpc.tokens.list.queryOptions();
  const tokens = useQuery(listQuery);
  const refresh = () => refreshQueries(queryClient, { queryKey: listQuery.queryKey });

  const [name, setName] = useState("");
  const [created, setCreated] = useState<TCreated | null>(null);
  const [revoking, setRevoking] = useState<{ id: string; name: string } | null>(null);

  const create = useMutation(
    trpc.tokens.create.mutationOptions({
      onSuccess: async (token) => {
        setCreated({ name: token.name, token: token.token });
        setName("");
        await refresh();
      },
    }),
  );

  const revoke = useMutation(
    trpc.tokens.revoke.mutationOptions({
      onSuccess: async () => {
        toast.success(t("revoked", { name: revoking?.name ?? "" }));
        setRevoking(null);
        await refresh();
      },
    }),
  );

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setCreated(null);
    create.mutate({ name: name.trim() });
  }

  return (
    <Card aria-labelledby="tokens-title">
      <CardHeader>
        <CardTitle id="tokens-title">{t("tokensTitle")}</CardTitle>
        <CardDescription>{t("tokensDescription")}</CardDescription>
      </CardHeader>
      <CardContent className="space-y-6">
        <form onSubmit={onSubmit} className="flex flex-col gap-3 sm:flex-row sm:items-end">
          <div className="flex-1 space-y-2">
            <Label htmlFor="token-name">{t("tokenName")}</Label>
            <Input
              id="token-name"
              required
              maxLength={100}
              autoComplete="off"
              placeholder={t("tokenNamePlaceholder")}
              value={name}
              onChange={(event) => {
                setName(event.target.value);
                if (create.isError) create.reset();
              }}
            />
          </div>
          <Button type="submit" disabled={create.isPending || name.trim() === ""}>
            <Plus aria-hidden />
            {create.isPending ? t("creatingToken") : t("createToken")}
          </Button>
        </form>
        {create.isError ? <Alert variant="error">{describeError(create.error, tc("unknownError"))}</Alert> : null}

        {created ? <NewTokenBox created={created} onDismiss={() => setCreated(null)} /> : null}

        {tokens.isPending ? (
          <ListSkeleton rows={2} />
        ) : tokens.isError ? (
          <ListLoadError message={t("tokensError")} error={describeError(tokens.error, "")} onRetry={() => void tokens.refetch()} />
        ) : tokens.data.length === 0 ? (
          <EmptyState icon={<KeyRound />} title={t("tokensEmpty")} />
        ) : (
          <Table stackOnMobile>
            <TableColumns
              columns={[t("colToken"), t("colPrefix"), t("colCreated"), t("colLastUsed"), t("colStatus"), { label: t("colActions"), srOnly: true }]}
            />
            <TableBody>
              {tokens.data.map((token) => (
                <TableRow key={token.id} data-token={token.id}>
                  <TableCell className="font-medium">{token.name}</TableCell>
                  <TableCell data-label={t("colPrefix")} className="whitespace-nowrap font-mono text-xs">
                    {token.prefix}…
                  </TableCell>
                  <TableCell data-label={t("colCreated")} className="whitespace-nowrap text-muted-foreground">
                    <RelativeTime date={token.createdAt} locale={locale} />
                  </TableCell>
                  <TableCell data-label={t("colLastUsed")} className="whitespace-nowrap text-muted-foreground">
                    {token.lastUsedAt ? <RelativeTime date={token.lastUsedAt} locale={locale} /> : tc("never")}
                  </TableCell>
                  <TableCell data-label={t("colStatus")}>
                    {token.revokedAt ? (
                      <Badge variant="neutral" title={t("revokedOn", { date: formatDate(token.revokedAt, locale) })}>
                        {t("statusRevoked")}
                      </Badge>
                    ) : (
                      <Badge variant="ok">{t("statusActive")}</Badge>
                    )}
                  </TableCell>
                  <TableCell className="text-right max-sm:justify-end!">
                    {token.revokedAt ? null : (
                      <Button
                        variant="outline"
                        size="sm"
                        aria-label={`${t("revoke")} ${token.name}`}
                        onClick={() => {
                          revoke.reset();
                          setRevoking({ id: token.id, name: token.name });
                        }}
                      >
                        {t("revoke")}
                      </Button>
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>

      <Dialog open={revoking !== null} onOpenChange={(open) => (open ? null : setRevoking(null))}>
        {revoking ? (
          <ConfirmDialogContent
            title={t("revokeTitle", { name: revoking.name })}
            description={t("revokeDescription")}
            error={revoke.isError ? describeError(revoke.error, tc("unknownError")) : null}
            confirmLabel={t("revokeConfirm")}
            pendingLabel={t("revoking")}
            isPending={revoke.isPending}
            onConfirm={() => revoke.mutate({ id: revoking.id })}
          />
        ) : null}
      </Dialog>
    </Card>
  );
}

function NewTokenBox({ created, onDismiss }: { created: TCreated; onDismiss: () => void }) {
  const t = useTranslations("settings");
  const title = t("newTokenTitle", { name: created.name });
  return (
    <SecretOnceBox
      title={title}
      secret={created.token}
      labels={{ copy: t("copy"), copied: t("copied"), copiedToast: t("copiedToast"), copyFailed: t("copyFailed"), dismiss: t("dismissToken") }}
      onDismiss={onDismiss}
      testId="new-token"
      valueLabel={title}
    >
      <p className="text-sm">{t("newTokenWarning")}</p>
    </SecretOnceBox>
  );
}
