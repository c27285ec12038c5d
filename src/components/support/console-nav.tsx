"use client";

import { useTranslations } from "next-intl";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";

/** The support console's sections under the header (the queue; a ticket belongs to it). */
export function ConsoleNav() {
  const t = useTranslations("console");
  const pathname = usePathname();
  const isQueue = pathname === "/support" || pathname.startsWith("/support/");
  return (
    <nav aria-label={t("navLabel")} className="-mb-px overflow-x-auto">
      <ul className="flex min-w-max gap-1">
        <li>
          <Link
            href="/support"
            aria-current={pathname === "/support" ? "page" : undefined}
            className={cn(
              "inline-flex h-10 items-center border-b-2 px-3 text-sm font-medium transition-colors focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-ring",
              isQueue ? "border-primary text-foreground" : "border-transparent text-muted-foreground hover:border-border hover:text-foreground",
            )}
          >
            {t("queue")}
          </Link>
        </li>
      </ul>
    </nav>
  );
}
