"use client";

import { useTranslations } from "next-intl";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "./ui/cn";

/** The team's sections, in the order the product lists them (labels: keys under `nav` in messages/). */
const SECTIONS = [
  { key: "overview", path: "" },
  { key: "usage", path: "/usage" },
  { key: "billing", path: "/billing" },
  { key: "addons", path: "/addons" },
  { key: "support", path: "/support" },
  { key: "settings", path: "/settings" },
] as const;

export function TeamNav({ slug }: { slug: string }) {
  const t = useTranslations("nav");
  const th = useTranslations("header");
  const pathname = usePathname();
  const base = `/teams/${slug}`;
  return (
    <nav aria-label={th("mainNav")} className="-mb-px overflow-x-auto">
      <ul className="flex min-w-max gap-1">
        {SECTIONS.map(({ key, path }) => {
          const href = base + path;
          const isActive = path === "" ? pathname === base : pathname === href || pathname.startsWith(`${href}/`);
          return (
            <li key={key}>
              <Link
                href={href}
                aria-current={isActive ? "page" : undefined}
                className={cn(
                  "inline-flex h-10 items-center border-b-2 px-2 text-sm sm:px-3 font-medium transition-colors focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-ring",
                  isActive ? "border-primary text-foreground" : "border-transparent text-muted-foreground hover:border-border hover:text-foreground",
                )}
              >
                {t(key)}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
