"use client";

import { Loader2 } from "lucide-react";
import { useTranslations } from "next-intl";
import type { ComponentProps, ReactNode } from "react";
import { Alert } from "./ui/alert";
import { Button } from "./ui/button";
import { DialogClose, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "./ui/dialog";

/**
 * The inside of a "are you sure?" dialog (the caller keeps the `<Dialog>` and its open state):
 * title, description, the last attempt's error, a "Cancel" that closes it and a destructive
 * confirm button, disabled and relabelled while pending (with a spinner when `spinner`).
 */
export function ConfirmDialogContent({
  title,
  description,
  error,
  cancelLabel,
  confirmLabel,
  pendingLabel,
  isPending,
  spinner = false,
  onConfirm,
  ...props
}: Omit<ComponentProps<typeof DialogContent>, "title" | "children" | "closeLabel"> & {
  title: ReactNode;
  description: ReactNode;
  /** The failure of the last confirm, or null. */
  error: string | null;
  /** Defaults to "Cancel". */
  cancelLabel?: string;
  confirmLabel: string;
  pendingLabel: string;
  isPending: boolean;
  spinner?: boolean;
  onConfirm: () => void;
}) {
  const tc = useTranslations("common");
  return (
    <DialogContent closeLabel={tc("close")} {...props}>
      <DialogHeader>
        <DialogTitle>{title}</DialogTitle>
        <DialogDescription>{description}</DialogDescription>
      </DialogHeader>
      {error !== null ? <Alert variant="error">{error}</Alert> : null}
      <DialogFooter>
        <DialogClose asChild>
          <Button variant="outline">{cancelLabel ?? tc("cancel")}</Button>
        </DialogClose>
        <Button variant="destructive" disabled={isPending} onClick={onConfirm}>
          {spinner && isPending ? <Loader2 aria-hidden className="animate-spin" /> : null}
          {isPending ? pendingLabel : confirmLabel}
        </Button>
      </DialogFooter>
    </DialogContent>
  );
}
