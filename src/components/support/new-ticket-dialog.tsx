"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { Plus, Sparkles } from "lucide-react";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { toast } from "@/components/toast";
import { TICKET_CATEGORIES, TICKET_PRIORITIES, type TTicketPriority } from "@/lib/support";
import { useTRPC } from "@/trpc/react";
import { refreshQueries } from "@/trpc/refresh";
import { describeError } from "@/components/error-message";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { splitFieldErrors } from "./field-errors";

type TCategory = (typeof TICKET_CATEGORIES)[number];
const FIELDS = ["subject", "description", "category", "priority"] as const;

/**
 * "New ticket": a dialog with Subject, Description, Category and Priority. The server checks the
 * fields (its messages are shown under each one); on success the conversation opens. A Pro team's
 * ticket is raised to at least High by the server, and the user is told so.
 */
export function NewTicketDialog({ team, isPro }: { team: string; isPro: boolean }) {
  const t = useTranslations("support");
  const tc = useTranslations("common");
  const tp = useTranslations("ticketPriority");
  const tcat = useTranslations("ticketCategory");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [subject, setSubject] = useState("");
  const [description, setDescription] = useState("");
  const [category, setCategory] = useState<TCategory>("technical");
  const [priority, setPriority] = useState<TTicketPriority>("normal");

  const create = useMutation(
    trpc.tickets.create.mutationOptions({
      onSuccess: async (ticket, variables) => {
        toast.success(t("created"));
        if (ticket.priority !== variables.priority) toast.info(t("raised", { priority: tp(ticket.priority) }));
        await refreshQueries(queryClient, trpc.tickets.pathFilter());
        router.push(`/teams/${encodeURIComponent(team)}/support/${encodeURIComponent(ticket.ticket_id)}`);
        setOpen(false);
        setSubject("");
        setDescription("");
        setCategory("technical");
        setPriority("normal");
        create.reset();
      },
    }),
  );

  const error = create.error;
  const isValidation = error instanceof TRPCClientError && (error.data as { code?: string } | undefined)?.code === "BAD_REQUEST";
  const split = error && isValidation ? splitFieldErrors(error.message, FIELDS) : null;
  const fieldError = (field: (typeof FIELDS)[number]) => split?.fields[field];
  const general = error ? (split ? split.rest : describeError(error, tc("unknownError"))) : null;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    create.mutate({ team, subject, description, category, priority });
  }

  function fieldProps(field: (typeof FIELDS)[number]) {
    const message = fieldError(field);
    return {
      id: `${id}-${field}`,
      name: field,
      "aria-invalid": message ? true : undefined,
      "aria-describedby": message ? `${id}-${field}-error` : undefined,
    };
  }

  function renderFieldError(field: (typeof FIELDS)[number]) {
    const message = fieldError(field);
    return message ? (
      <p id={`${id}-${field}-error`} className="text-sm text-critical" data-testid={`field-error-${field}`}>
        {message}
      </p>
    ) : null;
  }

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next && !create.isPending) create.reset();
      }}
    >
      <DialogTrigger asChild>
        <Button>
          <Plus aria-hidden />
          {t("newTicket")}
        </Button>
      </DialogTrigger>
      <DialogContent closeLabel={tc("close")} className="max-h-[calc(100dvh-2rem)] overflow-y-auto sm:max-w-lg">
        <DialogHeader>
          <DialogTitle>{t("formTitle")}</DialogTitle>
          <DialogDescription>{t("formDescription")}</DialogDescription>
        </DialogHeader>
        <form onSubmit={onSubmit} noValidate className="space-y-4" data-testid="new-ticket-form">
          <div className="space-y-2">
            <Label htmlFor={`${id}-subject`}>{t("subject")}</Label>
            <Input
              {...fieldProps("subject")}
              required
              maxLength={200}
              autoComplete="off"
              placeholder={t("subjectPlaceholder")}
              value={subject}
              onChange={(event) => setSubject(event.target.value)}
            />
            {renderFieldError("subject")}
          </div>
          <div className="space-y-2">
            <Label htmlFor={`${id}-description`}>{t("descriptionLabel")}</Label>
            <Textarea
              {...fieldProps("description")}
              required
              rows={5}
              maxLength={20_000}
              placeholder={t("descriptionPlaceholder")}
              value={description}
              onChange={(event) => setDescription(event.target.value)}
            />
            {renderFieldError("description")}
          </div>
          <div className="grid gap-4 sm:grid-cols-2">
            <div className="space-y-2">
              <Label htmlFor={`${id}-category`}>{t("category")}</Label>
              <Select {...fieldProps("category")} value={category} onChange={(event) => setCategory(event.target.value as TCategory)}>
                {TICKET_CATEGORIES.map((c) => (
                  <option key={c} value={c}>
                    {tcat(c)}
                  </option>
                ))}
              </Select>
              {renderFieldError("category")}
            </div>
            <div className="space-y-2">
              <Label htmlFor={`${id}-priority`}>{t("priority")}</Label>
              <Select {...fieldProps("priority")} value={priority} onChange={(event) => setPriority(event.target.value as TTicketPriority)}>
                {TICKET_PRIORITIES.map((p) => (
                  <option key={p} value={p}>
                    {tp(p)}
                  </option>
                ))}
              </Select>
              {renderFieldError("priority")}
            </div>
          </div>
          {isPro ? (
            <p className="flex items-start gap-2 text-sm text-muted-foreground" data-testid="pro-priority-hint">
              <Sparkles aria-hidden className="mt-0.5 size-4 shrink-0 text-primary" />
              {t("proHint")}
            </p>
          ) : null}
          {general ? <Alert variant="error">{general}</Alert> : null}
          <DialogFooter>
            <DialogClose asChild>
              <Button variant="outline">{tc("cancel")}</Button>
            </DialogClose>
            <Button type="submit" disabled={create.isPending}>
              {create.isPending ? t("submitting") : t("submit")}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
