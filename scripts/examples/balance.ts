// SERVELINK_TOKEN=pat_… npx tsx scripts/examples/balance.ts <team> [limit] [before] – the prepaid balance, the next renewals and a page of the ledger.
//   … balance.ts <team> top-up <amount> [payer_phone operator] – a Mobile Money top-up (owners and admins): waits for its end, then prints the balance.
//   … balance.ts <team> auto-renew <pro|add-on id> <on|off> – automatic renewal from the balance (owners and admins).
import { createServelinkClient, toServelinkError, type TServelinkInputs, type TServelinkOutputs } from "../../src/client";
import { plainAmount as money } from "../../src/lib/money";

const api = createServelinkClient({ url: process.env.SERVELINK_URL ?? "http://localhost:3000", token: process.env.SERVELINK_TOKEN ?? "" });
const [team = "acme", command, ...rest] = process.argv.slice(2);

function printView(b: TServelinkOutputs["balance"]["get"]) {
  console.log(
    `${team}: balance ${money(b.balance_minor, b.currency)} (top-ups from ${money(b.top_up.min_minor, b.currency)} to ${money(b.top_up.max_minor, b.currency)})`,
  );
  for (const r of b.renewals) {
    const how = !r.auto_renew
      ? "not from the balance"
      : r.covered
        ? "covered by the balance"
        : `not covered: ${money(r.shortfall_minor ?? 0, b.currency)} short`;
    console.log(
      `  ${r.item} renews on ${r.due_at.toISOString().slice(0, 10)}${r.price_minor === null ? "" : ` for ${money(r.price_minor, b.currency)}`}: ${how}`,
    );
  }
}

try {
  if (command === "top-up") {
    const [amount, payer_phone, operator] = rest as [string, string | undefined, TServelinkInputs["payments"]["initiate"]["operator"]];
    const started = await api.payments.initiate.mutate({
      team,
      purpose: "top_up",
      amount: Number(amount),
      payment_method: "mobile_money",
      payer_phone,
      operator,
    });
    console.log(`top-up ${started.id} of ${money(started.amount_minor, started.currency)}: ${started.instructions ?? started.status}`);
    let status = started.status;
    for (const until = Date.now() + 60_000; (status === "pending" || status === "processing") && Date.now() < until;) {
      await new Promise((resolve) => setTimeout(resolve, 2000));
      status = (await api.payments.status.query({ paymentId: started.id })).status;
    }
    console.log(`top-up ${started.id}: ${status}`);
    printView(await api.balance.get.query({ team }));
    if (status !== "completed") process.exit(2);
  } else if (command === "auto-renew") {
    const [item = "pro", onOff] = rest;
    printView(await api.balance.setAutoRenew.mutate({ team, item, enabled: onOff !== "off" }));
  } else {
    const limit = command ? Number(command) : 10;
    const before = rest[0] ? Number(rest[0]) : undefined;
    printView(await api.balance.get.query({ team }));
    const page = await api.balance.ledger.query({ team, limit, before });
    console.log(`${page.entries.length} entr${page.entries.length === 1 ? "y" : "ies"}, newest first:`);
    for (const e of page.entries) {
      const sign = e.amount_minor > 0 ? "+" : "";
      console.log(
        `- ${e.created_at.toISOString()} ${e.kind} ${sign}${money(e.amount_minor, e.currency)} → ${money(e.balance_after_minor, e.currency)}${e.note ? ` (${e.note})` : ""}`,
      );
    }
    if (page.next_before !== null) console.log(`older: balance.ts ${team} ${limit} ${page.next_before}`);
  }
} catch (err) {
  const e = toServelinkError(err);
  const figures = Object.entries(e.details).map(([k, v]) => `${k}=${v}`);
  console.error(`error ${e.code}${e.reason ? ` ${e.reason}` : ""}: ${e.message}${figures.length ? ` [${figures.join(", ")}]` : ""}`);
  process.exit(1);
}
