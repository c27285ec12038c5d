"use client";

import { Check, Copy, ShieldAlert } from "lucide-react";
import { useState, type ReactNode } from "react";
import { toast } from "@/components/toast";
import { Button } from "@/components/ui/button";

/** The words of a `SecretOnceBox`, in the caller's catalogue (a token's and a webhook secret's differ). */
export interface TSecretOnceLabels {
  copy: string;
  copied: string;
  copiedToast: string;
  copyFailed: string;
  dismiss: string;
}

/**
 * A secret shown the one time it can be (a personal API token, a webhook endpoint's `whsec_`
 * secret): a warning, the value to select or copy, and a button to dismiss it once it is saved.
 * `children` are the lines under the title.
 */
export function SecretOnceBox({
  title,
  children,
  secret,
  labels,
  onDismiss,
  testId,
  valueLabel,
  valueTestId,
}: {
  title: ReactNode;
  children: ReactNode;
  secret: string;
  labels: TSecretOnceLabels;
  onDismiss: () => void;
  testId: string;
  valueLabel?: string;
  valueTestId?: string;
}) {
  const [isCopied, setIsCopied] = useState(false);

  async function copy() {
    try {
      await navigator.clipboard.writeText(secret);
      setIsCopied(true);
      toast.success(labels.copiedToast);
    } catch {
      toast.error(labels.copyFailed);
    }
  }

  return (
    <div role="status" className="space-y-3 rounded-lg border-2 border-warning/40 bg-warning-soft p-4" data-testid={testId}>
      <div className="flex items-start gap-2">
        <ShieldAlert aria-hidden className="mt-0.5 size-5 shrink-0 text-warning" />
        <div className="min-w-0">
          <p className="font-semibold">{title}</p>
          {children}
        </div>
      </div>
      <div className="flex flex-col gap-2 sm:flex-row sm:items-center">
        <code
          className="block min-w-0 flex-1 select-all break-all rounded-md border bg-card px-3 py-2 font-mono text-sm"
          aria-label={valueLabel}
          data-testid={valueTestId}
        >
          {secret}
        </code>
        <Button variant="outline" onClick={copy}>
          {isCopied ? <Check aria-hidden /> : <Copy aria-hidden />}
          {isCopied ? labels.copied : labels.copy}
        </Button>
      </div>
      <Button variant="ghost" size="sm" onClick={onDismiss}>
        {labels.dismiss}
      </Button>
    </div>
  );
}
