import { Info, LifeBuoy, Lock, UserRound } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { RelativeTime } from "@/components/relative-time";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import type { TTicketMessage } from "./types";

type TThreadMessage = Pick<TTicketMessage, "id" | "author_type" | "message" | "created_at" | "author_name" | "is_internal">;

/**
 * A ticket's conversation, oldest first (the description is the first message). Support replies
 * carry a "Support" label; internal notes (staff only) are amber, with a lock and the words
 * "Internal note". Each item has `data-message`, `data-author` and `data-internal`.
 */
export function MessageThread({ messages, className }: { messages: TThreadMessage[]; className?: string }) {
  const t = useTranslations("ticket");
  const locale = useLocale();
  return (
    <ol className={cn("space-y-3", className)} aria-label={t("conversation")}>
      {messages.map((m) => {
        const isSupport = m.author_type === "support";
        const isSystem = m.author_type === "system";
        const Icon = m.is_internal ? Lock : isSupport ? LifeBuoy : isSystem ? Info : UserRound;
        const name = m.author_name ?? (isSystem ? t("systemAuthor") : t("unknownAuthor"));
        return (
          <li
            key={m.id}
            data-message={m.id}
            data-author={m.author_type}
            data-internal={m.is_internal ? "true" : "false"}
            className={cn(
              "rounded-lg border p-3 sm:p-4",
              m.is_internal
                ? "border-dashed border-amber-400 bg-amber-50"
                : isSupport
                  ? "border-primary/20 bg-secondary/60"
                  : isSystem
                    ? "bg-muted text-muted-foreground"
                    : "bg-card",
            )}
          >
            <div className="mb-2 flex flex-wrap items-center gap-x-2 gap-y-1 text-sm">
              <span
                aria-hidden
                className={cn(
                  "flex size-7 shrink-0 items-center justify-center rounded-full [&_svg]:size-4",
                  m.is_internal ? "bg-amber-200 text-amber-900" : isSupport ? "bg-primary text-primary-foreground" : "bg-muted text-muted-foreground",
                )}
              >
                <Icon />
              </span>
              <span className="font-medium" data-testid="message-author">
                {name}
              </span>
              {isSupport ? (
                <Badge variant="secondary" className="border-primary/20 text-primary">
                  <LifeBuoy aria-hidden />
                  {t("supportLabel")}
                </Badge>
              ) : null}
              {isSystem ? (
                <Badge variant="outline" className="bg-background text-foreground" data-testid="system-message-label">
                  <Info aria-hidden />
                  {t("systemLabel")}
                </Badge>
              ) : null}
              {m.is_internal ? (
                <Badge variant="outline" className="border-amber-400 bg-amber-100 text-amber-900" data-testid="internal-note-label">
                  <Lock aria-hidden />
                  {t("internalNote")}
                </Badge>
              ) : null}
              <span className="ml-auto text-xs text-muted-foreground">
                <RelativeTime date={m.created_at} locale={locale} />
              </span>
            </div>
            <p className="whitespace-pre-wrap break-words text-sm leading-relaxed" data-testid="message-body">
              {m.message}
            </p>
          </li>
        );
      })}
    </ol>
  );
}
