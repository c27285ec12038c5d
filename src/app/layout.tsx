import type { Metadata } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { LazyToaster } from "@/components/lazy-toaster";
import { ServerClock } from "@/components/server-clock";
import { clock } from "@/lib/clock";
import { TRPCReactProvider } from "@/trpc/react";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("common");
  return { title: { default: t("appTitle"), template: `%s · ${t("appTitle")}` } };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  return (
    <html lang={locale}>
      <body className="min-h-dvh">
        <ServerClock serverNowMs={clock.nowMs()} />
        <NextIntlClientProvider>
          <TRPCReactProvider>
            {children}
            <LazyToaster />
          </TRPCReactProvider>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
