"use client";

import { Send } from "lucide-react";
import { useTranslations } from "next-intl";
import { useId, useState, type FormEvent, type ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";

/**
 * The box under a conversation: a textarea labelled "Reply", optional extra controls (the staff's
 * "internal note" checkbox) and a send button. `onSend` resolves true when the message went
 * through, which empties the box; a refusal (e.g. a closed ticket) is shown under it.
 */
export function ReplyBox({
  sendLabel,
  placeholder,
  isPending,
  error,
  onSend,
  onEdit,
  tone = "default",
  tools,
  children,
}: {
  sendLabel: string;
  placeholder?: string;
  isPending: boolean;
  error: string | null;
  onSend: (message: string) => Promise<boolean>;
  /** Called when the text changes (to clear a previous error). */
  onEdit?: () => void;
  /** "internal" tints the box amber, as internal notes are. */
  tone?: "default" | "internal";
  /** Controls above the box given a way to put text in it (the staff's canned texts): appended after what is written. */
  tools?: (insert: (text: string) => void) => ReactNode;
  children?: ReactNode;
}) {
  const t = useTranslations("ticket");
  const id = useId();
  const [message, setMessage] = useState("");
  const [empty, setEmpty] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!message.trim()) {
      setEmpty(true);
      return;
    }
    if (await onSend(message.trim())) setMessage("");
  }

  return (
    <form
      onSubmit={onSubmit}
      noValidate
      data-testid="reply-form"
      className={cn("space-y-3 rounded-lg border p-3 sm:p-4", tone === "internal" ? "border-dashed border-amber-400 bg-amber-50" : "bg-card")}
    >
      {tools?.((text) => {
        setMessage((current) => (current.trim() ? `${current.trimEnd()}\n\n${text}` : text));
        setEmpty(false);
        onEdit?.();
      })}
      <Label htmlFor={`${id}-reply`}>{t("reply")}</Label>
      <Textarea
        id={`${id}-reply`}
        name="message"
        rows={4}
        maxLength={20_000}
        placeholder={placeholder}
        value={message}
        aria-invalid={empty || undefined}
        aria-describedby={empty ? `${id}-empty` : undefined}
        onChange={(event) => {
          setMessage(event.target.value);
          setEmpty(false);
          onEdit?.();
        }}
      />
      {empty ? (
        <p id={`${id}-empty`} className="text-sm text-critical">
          {t("replyRequired")}
        </p>
      ) : null}
      {error ? (
        <Alert variant="error" data-testid="reply-error">
          {error}
        </Alert>
      ) : null}
      <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
        <div className="min-w-0">{children}</div>
        <Button type="submit" disabled={isPending} className="max-sm:w-full">
          <Send aria-hidden />
          {isPending ? t("sending") : sendLabel}
        </Button>
      </div>
    </form>
  );
}
