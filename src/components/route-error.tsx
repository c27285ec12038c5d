"use client";

import { AlertTriangle } from "lucide-react";
import { useTranslations } from "next-intl";
import Link from "next/link";
import { useEffect } from "react";
import { Button, buttonVariants } from "./ui/button";

/** What an error boundary shows: what happened, a retry, and a way out. */
export function RouteError({ error, retry }: { error: unknown; retry: () => void }) {
  const t = useTranslations("errorPage");
  const tc = useTranslations("common");
  const digest = error instanceof Error ? (error as Error & { digest?: string }).digest : undefined;

  useEffect(() => {
    console.error(error);
  }, [error]);

  return (
    <div className="mx-auto flex min-h-[50dvh] max-w-md flex-col items-center justify-center gap-4 px-6 py-10 text-center">
      <AlertTriangle aria-hidden className="size-12 text-critical" />
      <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
      <p role="alert" className="text-muted-foreground">
        {t("description")}
      </p>
      {digest ? <p className="font-mono text-xs text-muted-foreground">{t("reference", { digest })}</p> : null}
      <div className="flex flex-wrap justify-center gap-2">
        <Button onClick={() => retry()}>{tc("retry")}</Button>
        <Link href="/" className={buttonVariants({ variant: "outline" })}>
          {t("home")}
        </Link>
      </div>
    </div>
  );
}
