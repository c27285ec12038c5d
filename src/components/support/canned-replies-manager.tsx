"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { MessageSquareText, Pencil, Plus, Trash2 } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useId, useState, type FormEvent } from "react";
import { toast } from "@/components/toast";
import type { TCannedReplyInput } from "@/lib/schemas/support";
import { useTRPC } from "@/trpc/react";
import { refreshQueries } from "@/trpc/refresh";
import { ConfirmDialogContent } from "@/components/confirm-dialog";
import { describeError } from "@/components/error-message";
import { ListLoadError, ListSkeleton } from "@/components/list-states";
import { RelativeTime } from "@/components/relative-time";
import { EmptyState } from "@/components/states";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Dialog } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";

const EMPTY: TCannedReplyInput = { title_en: "", title_fr: "", body_en: "", body_fr: "" };
const FIELDS = ["title_en", "title_fr", "body_en", "body_fr"] as const;

/**
 * Staff's canned texts (spec 19): the list with each one's English and French titles, a form to
 * write a new one or change one (title and body in both languages; bodies may use `{{team}}` and
 * `{{name}}`), and a confirmed delete.
 */
export function CannedRepliesManager() {
  const t = useTranslations("canned");
  const tc = useTranslations("common");
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<{ id: string | null; values: TCannedReplyInput } | null>(null);
  const [deleting, setDeleting] = useState<{ id: string; title: string } | null>(null);
  const list = useQuery(trpc.support.cannedReplies.list.queryOptions());
  const refresh = () => refreshQueries(queryClient, trpc.support.cannedReplies.pathFilter());

  const create = useMutation(
    trpc.support.cannedReplies.create.mutationOptions({
      onSuccess: async () => {
        toast.success(t("created"));
        setEditing(null);
        await refresh();
      },
    }),
  );
  const update = useMutation(
    trpc.support.cannedReplies.update.mutationOptions({
      onSuccess: async () => {
        toast.success(t("updated"));
        setEditing(null);
        await refresh();
      },
    }),
  );
  const remove = useMutation(
    trpc.support.cannedReplies.delete.mutationOptions({
      onSuccess: async () => {
        toast.success(t("deleted"));
        setDeleting(null);
        await refresh();
      },
    }),
  );
  const saving = editing?.id ? update : create;

  return (
    <div className="space-y-6">
      {editing ? (
        <CannedReplyForm
          key={editing.id ?? "new"}
          isNew={editing.id === null}
          initial={editing.values}
          isPending={saving.isPending}
          error={saving.isError ? describeError(saving.error, tc("unknownError")) : null}
          onCancel={() => setEditing(null)}
          onSubmit={(values) => (editing.id ? update.mutate({ id: editing.id, ...values }) : create.mutate(values))}
        />
      ) : (
        <Button
          onClick={() => {
            create.reset();
            setEditing({ id: null, values: EMPTY });
          }}
        >
          <Plus aria-hidden />
          {t("new")}
        </Button>
      )}

      <Card aria-labelledby="canned-list-title">
        <CardHeader>
          <CardTitle id="canned-list-title">{t("listTitle")}</CardTitle>
          <CardDescription>{t("listDescription")}</CardDescription>
        </CardHeader>
        <CardContent>
          {list.isPending ? (
            <ListSkeleton rows={3} />
          ) : list.isError ? (
            <ListLoadError message={t("listError")} error={describeError(list.error, tc("networkError"))} onRetry={() => void list.refetch()} />
          ) : list.data.length === 0 ? (
            <EmptyState icon={<MessageSquareText />} title={t("emptyTitle")}>
              {t("emptyBody")}
            </EmptyState>
          ) : (
            <ul className="divide-y" data-testid="canned-list">
              {list.data.map((r) => {
                // The reader's own title: shown, named by the buttons, and asked about before deleting.
                const title = locale === "fr" ? r.title_fr : r.title_en;
                return (
                  <li key={r.id} className="flex flex-col gap-2 py-3 sm:flex-row sm:items-center sm:justify-between" data-canned={r.id}>
                    <div className="min-w-0 space-y-0.5">
                      <p className="font-medium break-words">{title}</p>
                      <p className="text-sm break-words text-muted-foreground">
                        <span lang={locale === "fr" ? "en" : "fr"}>{locale === "fr" ? r.title_en : r.title_fr}</span> · {t("updatedAt")}{" "}
                        <RelativeTime date={r.updated_at} locale={locale} />
                      </p>
                    </div>
                    <div className="flex shrink-0 gap-2">
                      <Button
                        variant="outline"
                        size="sm"
                        aria-label={t("editNamed", { title })}
                        onClick={() => {
                          update.reset();
                          setEditing({ id: r.id, values: { title_en: r.title_en, title_fr: r.title_fr, body_en: r.body_en, body_fr: r.body_fr } });
                        }}
                      >
                        <Pencil aria-hidden />
                        {t("edit")}
                      </Button>
                      <Button
                        variant="outline"
                        size="sm"
                        aria-label={t("deleteNamed", { title })}
                        onClick={() => {
                          remove.reset();
                          setDeleting({ id: r.id, title });
                        }}
                      >
                        <Trash2 aria-hidden />
                        {t("delete")}
                      </Button>
                    </div>
                  </li>
                );
              })}
            </ul>
          )}
        </CardContent>
      </Card>

      <Dialog open={deleting !== null} onOpenChange={(o) => !o && setDeleting(null)}>
        {deleting ? (
          <ConfirmDialogContent
            title={t("deleteTitle")}
            description={t("deleteDescription", { title: deleting.title })}
            error={remove.isError ? describeError(remove.error, tc("unknownError")) : null}
            confirmLabel={t("delete")}
            pendingLabel={t("deleting")}
            isPending={remove.isPending}
            onConfirm={() => remove.mutate({ id: deleting.id })}
          />
        ) : null}
      </Dialog>
    </div>
  );
}

function CannedReplyForm({
  isNew,
  initial,
  isPending,
  error,
  onCancel,
  onSubmit,
}: {
  isNew: boolean;
  initial: TCannedReplyInput;
  isPending: boolean;
  error: string | null;
  onCancel: () => void;
  onSubmit: (values: TCannedReplyInput) => void;
}) {
  const t = useTranslations("canned");
  const tc = useTranslations("common");
  const id = useId();
  const [values, setValues] = useState(initial);
  const [touched, setTouched] = useState(false);
  const missing = FIELDS.filter((f) => !values[f].trim());

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setTouched(true);
    if (missing.length === 0)
      onSubmit({ title_en: values.title_en.trim(), title_fr: values.title_fr.trim(), body_en: values.body_en.trim(), body_fr: values.body_fr.trim() });
  }

  const field = (name: (typeof FIELDS)[number], lang: "en" | "fr") => {
    const invalid = touched && missing.includes(name);
    const props = {
      id: `${id}-${name}`,
      lang,
      value: values[name],
      "aria-invalid": invalid || undefined,
      "aria-describedby": invalid ? `${id}-${name}-error` : undefined,
      onChange: (e: { target: { value: string } }) => setValues((v) => ({ ...v, [name]: e.target.value })),
    };
    return (
      <div className="space-y-1.5">
        <Label htmlFor={`${id}-${name}`}>{t(`field.${name}`)}</Label>
        {name.startsWith("title") ? <Input {...props} maxLength={200} /> : <Textarea {...props} rows={6} maxLength={20_000} />}
        {invalid ? (
          <p id={`${id}-${name}-error`} className="text-sm text-critical">
            {t("required")}
          </p>
        ) : null}
      </div>
    );
  };

  return (
    <Card aria-labelledby={`${id}-title`}>
      <CardHeader>
        <CardTitle id={`${id}-title`}>{isNew ? t("newTitle") : t("editTitle")}</CardTitle>
        <CardDescription>{t("placeholders")}</CardDescription>
      </CardHeader>
      <CardContent>
        <form onSubmit={submit} noValidate className="space-y-4" data-testid="canned-form">
          <div className="grid gap-4 md:grid-cols-2">
            <fieldset className="space-y-3">
              <legend className="mb-2 text-sm font-semibold">{t("english")}</legend>
              {field("title_en", "en")}
              {field("body_en", "en")}
            </fieldset>
            <fieldset className="space-y-3">
              <legend className="mb-2 text-sm font-semibold">{t("french")}</legend>
              {field("title_fr", "fr")}
              {field("body_fr", "fr")}
            </fieldset>
          </div>
          {error !== null ? <Alert variant="error">{error}</Alert> : null}
          <div className="flex flex-col gap-2 sm:flex-row">
            <Button type="submit" disabled={isPending}>
              {isPending ? t("saving") : t("save")}
            </Button>
            <Button type="button" variant="outline" onClick={onCancel}>
              {tc("cancel")}
            </Button>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}
