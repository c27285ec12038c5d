"use client";

import { Globe } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { setLocale } from "@/i18n/set-locale";
import { LOCALES } from "@/lib/locales";
import { cn } from "./ui/cn";

/** The language picker: a native select, so it works the same with a keyboard, a screen reader or a phone. */
export function LanguageSwitch({ className }: { className?: string }) {
  const t = useTranslations("language");
  const locale = useLocale();
  const router = useRouter();
  const [isPending, startTransition] = useTransition();

  return (
    <span className={cn("relative inline-flex items-center", className)}>
      <Globe aria-hidden className="pointer-events-none absolute left-2.5 size-4 text-muted-foreground" />
      <select
        aria-label={t("label")}
        value={locale}
        disabled={isPending}
        onChange={(event) => {
          const next = event.target.value;
          startTransition(async () => {
            await setLocale(next);
            router.refresh();
          });
        }}
        className="h-9 appearance-none rounded-md border border-input bg-card py-1 pl-8 pr-3 text-sm shadow-sm focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-ring disabled:opacity-60"
      >
        {LOCALES.map((code) => (
          <option key={code} value={code} lang={code}>
            {t(code)}
          </option>
        ))}
      </select>
    </span>
  );
}
