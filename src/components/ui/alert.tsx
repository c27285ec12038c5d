import { cva, type VariantProps } from "class-variance-authority";
import { AlertTriangle, CheckCircle2, Info, XCircle } from "lucide-react";
import type { ComponentProps } from "react";
import { cn } from "./cn";

const alertVariants = cva("flex gap-3 rounded-lg border px-4 py-3 text-sm [&>svg]:mt-0.5 [&>svg]:size-4 [&>svg]:shrink-0", {
  variants: {
    variant: {
      info: "border-border bg-muted text-foreground",
      ok: "border-ok/30 bg-ok-soft text-foreground [&>svg]:text-ok",
      warning: "border-warning/30 bg-warning-soft text-foreground [&>svg]:text-warning",
      error: "border-critical/30 bg-critical-soft text-foreground [&>svg]:text-critical",
    },
  },
  defaultVariants: { variant: "info" },
});

const ICONS = { info: Info, ok: CheckCircle2, warning: AlertTriangle, error: XCircle } as const;

/** An inline message; errors are announced to screen readers as they appear. */
export function Alert({ className, variant, children, ...props }: ComponentProps<"div"> & VariantProps<typeof alertVariants>) {
  const Icon = ICONS[variant ?? "info"];
  return (
    <div role={variant === "error" ? "alert" : "status"} className={cn(alertVariants({ variant }), className)} {...props}>
      <Icon aria-hidden />
      <div className="min-w-0 flex-1 space-y-1">{children}</div>
    </div>
  );
}
