import type { ComponentProps, ReactNode } from "react";
import { cn } from "./cn";

/**
 * On phones each row becomes a small card: the header row is hidden and each cell shows its own
 * `data-label` before its value (a cell without one, such as the row's name, stands alone).
 */
const STACKED =
  "max-sm:block max-sm:[&_thead]:hidden max-sm:[&_tbody]:block max-sm:[&_tr]:block max-sm:[&_tr]:py-2 " +
  "max-sm:[&_td]:flex max-sm:[&_td]:min-h-9 max-sm:[&_td]:items-center max-sm:[&_td]:gap-3 max-sm:[&_td]:px-1 max-sm:[&_td]:py-1 max-sm:[&_td:empty]:hidden " +
  "max-sm:[&_td[data-label]]:justify-between max-sm:[&_td[data-label]]:before:content-[attr(data-label)] " +
  "max-sm:[&_td[data-label]]:before:text-xs max-sm:[&_td[data-label]]:before:text-muted-foreground";

/**
 * A table that scrolls sideways inside its own box on narrow screens (or stacks, with `stackOnMobile`).
 * `scrollLabel`: a table that may be wider than its box (many columns) names its scrolling region and
 * takes the keyboard's focus, so it can be scrolled without a mouse.
 */
export function Table({
  className,
  stackOnMobile = false,
  scrollLabel,
  ...props
}: ComponentProps<"table"> & { stackOnMobile?: boolean; scrollLabel?: string }) {
  return (
    <div
      className="relative w-full overflow-x-auto focus-visible:outline-2 focus-visible:outline-ring"
      {...(scrollLabel ? { role: "region", "aria-label": scrollLabel, tabIndex: 0 } : {})}
    >
      <table className={cn("w-full caption-bottom border-collapse text-sm", stackOnMobile && STACKED, className)} {...props} />
    </div>
  );
}

export function TableHeader({ className, ...props }: ComponentProps<"thead">) {
  return <thead className={cn("[&_tr]:border-b", className)} {...props} />;
}

export function TableBody({ className, ...props }: ComponentProps<"tbody">) {
  return <tbody className={cn("[&_tr:last-child]:border-0", className)} {...props} />;
}

export function TableRow({ className, ...props }: ComponentProps<"tr">) {
  return <tr className={cn("border-b transition-colors hover:bg-muted/50", className)} {...props} />;
}

export function TableHead({ className, ...props }: ComponentProps<"th">) {
  return (
    <th
      scope="col"
      className={cn("h-10 whitespace-nowrap px-3 text-left align-middle text-xs font-medium uppercase tracking-wide text-muted-foreground", className)}
      {...props}
    />
  );
}

export function TableCell({ className, ...props }: ComponentProps<"td">) {
  return <td className={cn("px-3 py-3 align-middle", className)} {...props} />;
}

export function TableCaption({ className, ...props }: ComponentProps<"caption">) {
  return <caption className={cn("mt-3 text-sm text-muted-foreground", className)} {...props} />;
}

export interface TTableColumn {
  label: ReactNode;
  className?: string;
  /** Read to screen readers only (an actions column). */
  srOnly?: boolean;
}

/** The header of a table from its columns, in order; `false` or `null` leaves a column out. */
export function TableColumns({ columns }: { columns: (TTableColumn | ReactNode | false | null | undefined)[] }) {
  return (
    <TableHeader>
      <TableRow className="hover:bg-transparent">
        {columns.map((c, i) => {
          if (c === false || c === null || c === undefined) return null;
          const col: TTableColumn = typeof c === "object" && c !== null && "label" in c ? (c as TTableColumn) : { label: c };
          return (
            <TableHead key={i} className={col.className}>
              {col.srOnly ? <span className="sr-only">{col.label}</span> : col.label}
            </TableHead>
          );
        })}
      </TableRow>
    </TableHeader>
  );
}
