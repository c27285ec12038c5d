import { notFound } from "next/navigation";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { formatMoney } from "@/lib/format";
import { getSandboxDb } from "@/server/payments-config";
import { getSandboxPayment } from "@/server/services/payments/sandbox-backend";
import { decideSandboxPayment } from "./actions";

export const dynamic = "force-dynamic";
export const metadata = { title: "Sandbox payment · Servelink console" };

const METHOD = { mobile_money: "Mobile Money", credit_card: "Card" } as Record<string, string>;

// The hosted page of the sandbox payment backend (spec 7.4): it stands in for a real provider's page.
export default async function SandboxPayPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const db = await getSandboxDb().catch(() => notFound());
  const payment = await getSandboxPayment(db, id);
  if (!payment) notFound();
  const isOpen = payment.status === "pending" || payment.status === "processing";
  return (
    <main className="mx-auto flex min-h-dvh max-w-md flex-col justify-center px-4 py-10">
      <Card>
        <CardHeader>
          <div className="flex items-center justify-between gap-2">
            <CardTitle>Sandbox payment</CardTitle>
            <Badge variant="outline">Test mode</Badge>
          </div>
          <CardDescription>No real money moves: this page simulates the payment provider.</CardDescription>
        </CardHeader>
        <CardContent>
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
            <dt className="text-muted-foreground">Amount</dt>
            <dd className="text-2xl font-semibold" data-testid="sandbox-amount">
              {formatMoney(payment.amountMinor, payment.currency, "en")}
            </dd>
            <dt className="text-muted-foreground">Method</dt>
            <dd data-testid="sandbox-method">{METHOD[payment.paymentMethod] ?? payment.paymentMethod}</dd>
            {payment.description ? (
              <>
                <dt className="text-muted-foreground">For</dt>
                <dd>{payment.description}</dd>
              </>
            ) : null}
            <dt className="text-muted-foreground">Status</dt>
            <dd data-testid="sandbox-status">{payment.status}</dd>
          </dl>
        </CardContent>
        <CardFooter className="justify-end">
          {isOpen ? (
            <>
              <form action={decideSandboxPayment.bind(null, id, "failed")}>
                <Button type="submit" variant="outline">
                  Fail
                </Button>
              </form>
              <form action={decideSandboxPayment.bind(null, id, "completed")}>
                <Button type="submit">Pay</Button>
              </form>
            </>
          ) : (
            <p className="text-sm text-muted-foreground">This payment is {payment.status}; nothing more to do here.</p>
          )}
        </CardFooter>
      </Card>
    </main>
  );
}
