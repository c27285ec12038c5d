"use client";

import { useTranslations } from "next-intl";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";

const CANNED = "/support/canned-replies";

/** The support console's sections under the header: the queue (a ticket belongs to it) and the canned replies. */
export function ConsoleNav() {
  const t = useTranslations("console");
  const pathname = usePathname();
  const isCanned = pathname === CANNED || pathname.startsWith(`${CANNED}/`);
  const isQueue = !isCanned && (pathname === "/support" || pathname.startsWith("/support/"));
  const items = [
    { href: "/support", label: t("queue"), active: isQueue, current: pathname === "/support" },
    { href: CANNED, label: t("cannedNav"), active: isCanned, current: pathname === CANNED },
  ];
  return (
    <nav aria-label={t("navLabel")} className="-mb-px overflow-x-auto">
      <ul className="flex min-w-max gap-1">
        {items.map((item) => (
          <li key={item.href}>
            <Link
              href={item.href}
              aria-current={item.current ? "page" : undefined}
              className={cn(
                "inline-flex h-10 items-center border-b-2 px-3 text-sm font-medium transition-colors focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-ring",
                item.active ? "border-primary text-foreground" : "border-transparent text-muted-foreground hover:border-border hover:text-foreground",
              )}
            >
              {item.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
