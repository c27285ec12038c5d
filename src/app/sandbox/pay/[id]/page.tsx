import { parsePhoneNumberFromString } from "libphonenumber-js";
import { cookies, headers } from "next/headers";
import { notFound } from "next/navigation";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { formatDateTime, formatMoney } from "@/lib/format";
import { isOperator, OPERATOR_NAMES } from "@/lib/mobile-money";
import { LOCALE_COOKIE } from "@/lib/locales";
import { getSandboxDb } from "@/server/payments-config";
import { readSandboxPayment, sandboxBehaviourOf } from "@/server/services/payments/sandbox-backend";
import { decideSandboxPayment } from "./actions";
import { pickSandboxLanguage, SANDBOX_TEXTS } from "./texts";

export const dynamic = "force-dynamic";
export const metadata = { title: "Sandbox payment · Servelink console" };

// The hosted page of the sandbox payment backend (spec 7.4, 14.4): it stands in for a real provider's page.
export default async function SandboxPayPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const db = await getSandboxDb().catch(() => notFound());
  const payment = await readSandboxPayment(db, id);
  if (!payment) notFound();
  const lang = pickSandboxLanguage((await cookies()).get(LOCALE_COOKIE)?.value, (await headers()).get("accept-language"));
  const t = SANDBOX_TEXTS[lang];
  const behaviour = sandboxBehaviourOf(payment.payerPhone);
  const isOpen = payment.status === "pending" || payment.status === "processing";
  const status = t.statuses[payment.status];
  const phone = payment.payerPhone ? (parsePhoneNumberFromString(payment.payerPhone)?.formatInternational() ?? payment.payerPhone) : null;
  const operator = payment.operator && isOperator(payment.operator) ? OPERATOR_NAMES[payment.operator] : payment.operator;
  return (
    <main lang={lang} className="mx-auto flex min-h-dvh max-w-md flex-col justify-center px-4 py-10">
      <Card>
        <CardHeader>
          <div className="flex items-center justify-between gap-2">
            <CardTitle>{t.title}</CardTitle>
            <Badge variant="outline">{t.testMode}</Badge>
          </div>
          <CardDescription>{t.description}</CardDescription>
        </CardHeader>
        <CardContent className="space-y-4">
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
            <dt className="text-muted-foreground">{t.amount}</dt>
            <dd className="text-2xl font-semibold" data-testid="sandbox-amount">
              {formatMoney(payment.amountMinor, payment.currency, lang)}
            </dd>
            <dt className="text-muted-foreground">{t.method}</dt>
            <dd data-testid="sandbox-method">{t.methods[payment.paymentMethod] ?? payment.paymentMethod}</dd>
            {phone ? (
              <>
                <dt className="text-muted-foreground">{t.payer}</dt>
                <dd data-testid="sandbox-payer">{operator ? `${phone} · ${operator}` : phone}</dd>
              </>
            ) : null}
            {payment.description ? (
              <>
                <dt className="text-muted-foreground">{t.for}</dt>
                <dd>{payment.description}</dd>
              </>
            ) : null}
            <dt className="text-muted-foreground">{t.status}</dt>
            <dd data-testid="sandbox-status" data-status={payment.status}>
              {status}
            </dd>
            {payment.status === "failed" && payment.failureReason ? (
              <>
                <dt className="text-muted-foreground">{t.reason}</dt>
                <dd data-testid="sandbox-reason">{t.reasons[payment.failureReason] ?? payment.failureReason}</dd>
              </>
            ) : null}
            {isOpen && payment.expiresAt ? (
              <>
                <dt className="text-muted-foreground">{t.expires}</dt>
                <dd>{formatDateTime(payment.expiresAt, lang)}</dd>
              </>
            ) : null}
          </dl>
          {behaviour !== "hosted_page" ? (
            <p className="text-sm text-muted-foreground" data-testid="sandbox-behaviour">
              {t.automatic[behaviour]}
            </p>
          ) : null}
        </CardContent>
        <CardFooter className="justify-end">
          {isOpen && behaviour === "hosted_page" ? (
            <>
              <form action={decideSandboxPayment.bind(null, id, "failed")}>
                <Button type="submit" variant="outline">
                  {t.fail}
                </Button>
              </form>
              <form action={decideSandboxPayment.bind(null, id, "completed")}>
                <Button type="submit">{t.pay}</Button>
              </form>
            </>
          ) : isOpen ? null : (
            <p className="text-sm text-muted-foreground">{t.final(status)}</p>
          )}
        </CardFooter>
      </Card>
    </main>
  );
}
