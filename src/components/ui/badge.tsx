import { cva, type VariantProps } from "class-variance-authority";
import type { ComponentProps } from "react";
import { cn } from "./cn";

export const badgeVariants = cva("inline-flex items-center gap-1 whitespace-nowrap rounded-full border px-2 py-0.5 text-xs font-medium [&_svg]:size-3", {
  variants: {
    variant: {
      default: "border-transparent bg-primary text-primary-foreground",
      secondary: "border-transparent bg-secondary text-secondary-foreground",
      outline: "text-foreground",
      ok: "border-ok/30 bg-ok-soft text-ok",
      warning: "border-warning/30 bg-warning-soft text-warning",
      // The critical red on its soft tint is 4.49:1, just short of WCAG's 4.5 for small text: darkened a little.
      critical: "border-critical/30 bg-critical-soft text-[color-mix(in_oklab,var(--color-critical)_88%,black)]",
      neutral: "border-neutral/20 bg-neutral-soft text-neutral",
    },
  },
  defaultVariants: { variant: "default" },
});

export function Badge({ className, variant, ...props }: ComponentProps<"span"> & VariantProps<typeof badgeVariants>) {
  return <span className={cn(badgeVariants({ variant }), className)} {...props} />;
}
