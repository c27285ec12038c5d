"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import Link from "next/link";
import { useId, useState } from "react";
import { toast } from "@/components/toast";
import { useTRPC } from "@/trpc/react";
import { describeError } from "@/components/error-message";
import { Select } from "@/components/ui/select";

/**
 * Above the staff's reply box: the canned texts by title; choosing one puts it in the box as the
 * server renders it for this ticket (the requester's language, `{{team}}` and `{{name}}` filled in).
 * Nothing is sent until staff press Send.
 */
export function CannedReplyPicker({ ticketId, language, onInsert }: { ticketId: string; language: "en" | "fr"; onInsert: (text: string) => void }) {
  const t = useTranslations("cockpit");
  const tl = useTranslations("language");
  const tc = useTranslations("common");
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const [loading, setLoading] = useState(false);
  const replies = useQuery(trpc.support.cannedReplies.list.queryOptions());

  async function insert(replyId: string) {
    setLoading(true);
    try {
      const rendered = await queryClient.fetchQuery({ ...trpc.support.cannedReplies.render.queryOptions({ id: replyId, ticketId }), staleTime: 0 });
      onInsert(rendered.body);
      toast.success(t("cannedInserted", { title: rendered.title }));
    } catch (error) {
      toast.error(describeError(error, tc("unknownError")));
    } finally {
      setLoading(false);
    }
  }

  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-1.5">
      <label htmlFor={`${id}-canned`} className="text-sm font-medium whitespace-nowrap">
        {t("cannedLabel")}
      </label>
      <Select
        id={`${id}-canned`}
        className="min-w-0 flex-1 sm:max-w-xs"
        value=""
        disabled={loading || !replies.data || replies.data.length === 0}
        aria-describedby={`${id}-canned-hint`}
        data-testid="canned-picker"
        onChange={(event) => {
          if (event.target.value) void insert(event.target.value);
        }}
      >
        <option value="">{replies.data && replies.data.length === 0 ? t("cannedEmpty") : loading ? t("working") : t("cannedChoose")}</option>
        {(replies.data ?? []).map((r) => (
          <option key={r.id} value={r.id}>
            {locale === "fr" ? r.title_fr : r.title_en}
          </option>
        ))}
      </Select>
      <Link href="/support/canned-replies" className="text-sm text-primary underline-offset-4 hover:underline">
        {t("cannedManage")}
      </Link>
      <p id={`${id}-canned-hint`} className="w-full text-xs text-muted-foreground">
        {replies.isError ? describeError(replies.error, tc("networkError")) : t("cannedHint", { language: tl(language) })}
      </p>
    </div>
  );
}
