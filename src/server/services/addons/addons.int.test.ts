import { type TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertUser, openTestDb } from "../../../../test/db";
import { insertTeam, TEST_PAYER } from "../../../../test/fixtures";
import { TEST_WEBHOOK_SECRET, signBackendWebhook, startPaymentServer } from "../../../../test/payment-harness";
import { ADDON_TYPES } from "@/lib/addons";
import { newId } from "@/lib/ids";
import type { DbHandle } from "@/server/db/client";
import { additionalResource, payment, teamMember } from "@/server/db/schema";
import { createContextInner, type TSessionUser } from "@/server/api/context";
import { appRouter } from "@/server/api/root";
import { createCallerFactory } from "@/server/api/trpc";
import { sandboxDecide } from "@/server/services/payments/sandbox-backend";
import { clock } from "@/lib/clock";

const DAY = 86_400_000;
const createCaller = createCallerFactory(appRouter);
let h: DbHandle;
let srv: Awaited<ReturnType<typeof startPaymentServer>>;
const callerFor = (user: TSessionUser) => createCaller(createContextInner({ db: h.db, user, payments: () => srv.context }));

beforeAll(async () => {
  h = await openTestDb(10);
  srv = await startPaymentServer(h.db);
});
afterAll(async () => {
  await srv.close();
  await h.close();
});

const pay = (externalId: string, outcome: "completed" | "failed" = "completed") =>
  sandboxDecide(h.db, { id: externalId, outcome, webhookSecret: TEST_WEBHOOK_SECRET });

async function externalIdOf(paymentId: string) {
  const [p] = await h.db.select().from(payment).where(eq(payment.id, paymentId));
  return p!.externalPaymentId!;
}
async function resource(id: string) {
  const [r] = await h.db.select().from(additionalResource).where(eq(additionalResource.id, id));
  return r!;
}

describe("add-ons", () => {
  it("a Free team's purchase is a 403 that says to upgrade, and nothing is written", async () => {
    const { team, owner } = await insertTeam(h, { plan: "free" });
    const err = await callerFor(owner)
      .addons.purchase({ team: team.slug, resource_type: "ram", quantity: 2, ...TEST_PAYER })
      .catch((e: unknown) => e);
    expect((err as TRPCError).code).toBe("FORBIDDEN");
    expect((err as TRPCError).message).toBe("Add-ons are for Pro teams. Upgrade the team to Pro on its Billing page, then buy add-ons.");
    expect(await h.db.select().from(additionalResource).where(eq(additionalResource.teamId, team.id))).toEqual([]);
    expect(await h.db.select().from(payment).where(eq(payment.teamId, team.id))).toEqual([]);
  });

  it("Pro buys 2 RAM: pending and limits unchanged; the completed webhook activates it for 30 days: memory 6144 + 1000", async () => {
    const { team, owner } = await insertTeam(h, { plan: "pay_as_you_go" });
    const bought = await callerFor(owner).addons.purchase({ team: team.slug, resource_type: "ram", quantity: 2, ...TEST_PAYER });
    expect(bought).toMatchObject({ amount: 2, currency: "EUR", status: "pending", payment_url: expect.stringContaining("/sandbox/pay/") });
    expect((await resource(bought.resource_id)).status).toBe("pending");
    expect((await callerFor(owner).addons.limits({ team: team.slug })).memory_mb).toBe(6144);

    const before = clock.nowMs();
    await pay(await externalIdOf(bought.payment_id));
    const r = await resource(bought.resource_id);
    expect(r.status).toBe("active");
    expect(Math.abs(r.expiresAt!.getTime() - (before + 30 * DAY))).toBeLessThan(60_000);
    const limits = await callerFor(owner).addons.limits({ team: team.slug });
    expect(limits).toMatchObject({ memory_mb: 7144, plan_limits: { memory_mb: 6144 }, additional_resources: { ram_mb: 1000 } });
    const list = await callerFor(owner).addons.list({ team: team.slug });
    expect(list.totals).toEqual({ ram_mb: 1000, cpu_cores: 0, traffic_gb: 0, storage_gb: 0 });
    expect(list.resources[0]).toMatchObject({ id: bought.resource_id, resource_type: "ram", quantity: 2, unit_price: 1, status: "active" });

    // Past its expiry but not yet marked by the nightly job: it no longer counts, in the totals as in the limits.
    await h.db
      .update(additionalResource)
      .set({ expiresAt: new Date(clock.nowMs() - 60_000) })
      .where(eq(additionalResource.id, bought.resource_id));
    expect((await callerFor(owner).addons.list({ team: team.slug })).totals).toEqual({ ram_mb: 0, cpu_cores: 0, traffic_gb: 0, storage_gb: 0 });
    expect((await callerFor(owner).addons.limits({ team: team.slug })).memory_mb).toBe(6144);
  });

  it("a failed payment cancels the pending add-on; limits unchanged", async () => {
    const { team, owner } = await insertTeam(h, { plan: "pay_as_you_go" });
    const bought = await callerFor(owner).addons.purchase({ team: team.slug, resource_type: "cpu", quantity: 1, ...TEST_PAYER });
    await pay(await externalIdOf(bought.payment_id), "failed");
    expect((await resource(bought.resource_id)).status).toBe("cancelled");
    expect((await callerFor(owner).addons.limits({ team: team.slug })).cpu_cores).toBe(4);
  });

  it("cancelling an active add-on takes its capacity out of the limits at once", async () => {
    const { team, owner } = await insertTeam(h, { plan: "pay_as_you_go" });
    const bought = await callerFor(owner).addons.purchase({ team: team.slug, resource_type: "traffic", quantity: 2, ...TEST_PAYER });
    await pay(await externalIdOf(bought.payment_id));
    expect((await callerFor(owner).addons.limits({ team: team.slug })).traffic_gb).toBe(30);
    const cancelled = await callerFor(owner).addons.cancel({ team: team.slug, resourceId: bought.resource_id });
    expect(cancelled.status).toBe("cancelled");
    expect((await callerFor(owner).addons.limits({ team: team.slug })).traffic_gb).toBe(10);
    const again = await callerFor(owner)
      .addons.cancel({ team: team.slug, resourceId: bought.resource_id })
      .catch((e: unknown) => e);
    expect((again as TRPCError).code).toBe("CONFLICT");
  });

  it("a replayed completion does not extend expires_at twice", async () => {
    const { team, owner } = await insertTeam(h, { plan: "pay_as_you_go" });
    const bought = await callerFor(owner).addons.purchase({ team: team.slug, resource_type: "storage", quantity: 1, ...TEST_PAYER });
    const ext = await externalIdOf(bought.payment_id);
    const body = JSON.stringify({ type: "payment.updated", data: { external_payment_id: ext, status: "completed", amount: 1, currency: "EUR" } });
    const send = async (id: string) => {
      const d = signBackendWebhook(body, { id });
      return fetch(srv.callbackUrl, { method: "POST", headers: d.headers, body: d.payload });
    };
    expect((await send("msg_addon_1")).status).toBe(200);
    const first = (await resource(bought.resource_id)).expiresAt;
    expect((await send("msg_addon_1")).status).toBe(200); // same delivery again
    expect((await send("msg_addon_2")).status).toBe(200); // the same event under a new id
    expect((await resource(bought.resource_id)).expiresAt).toEqual(first);
    expect((await callerFor(owner).addons.limits({ team: team.slug })).storage_mb).toBe(10240 + 10240);
  });

  it("renewing extends from the current expiry, not from now", async () => {
    const { team, owner } = await insertTeam(h, { plan: "pay_as_you_go" });
    const bought = await callerFor(owner).addons.purchase({ team: team.slug, resource_type: "ram", quantity: 3, ...TEST_PAYER });
    await pay(await externalIdOf(bought.payment_id));
    const expiry = new Date(clock.nowMs() + 10 * DAY);
    await h.db.update(additionalResource).set({ expiresAt: expiry }).where(eq(additionalResource.id, bought.resource_id));
    const renewal = await callerFor(owner).addons.renew({ team: team.slug, resourceId: bought.resource_id, ...TEST_PAYER });
    expect(renewal).toMatchObject({ resource_id: bought.resource_id, amount: 3, status: "pending" });
    expect((await resource(bought.resource_id)).expiresAt).toEqual(expiry);
    await pay(await externalIdOf(renewal.payment_id));
    expect((await resource(bought.resource_id)).expiresAt!.getTime()).toBe(expiry.getTime() + 30 * DAY);
  });

  it("amounts are computed by the server for every type", async () => {
    const { team, owner } = await insertTeam(h, { plan: "pay_as_you_go" });
    const expected = { ram: 7, cpu: 14, traffic: 7, storage: 7 };
    for (const type of ADDON_TYPES) {
      const bought = await callerFor(owner).addons.purchase({ team: team.slug, resource_type: type, quantity: 7, ...TEST_PAYER });
      const [p] = await h.db.select().from(payment).where(eq(payment.id, bought.payment_id));
      expect([type, bought.amount, p!.amountMinor]).toEqual([type, expected[type], expected[type] * 100]);
    }
    const bad = await callerFor(owner)
      .addons.purchase({ team: team.slug, resource_type: "ram", quantity: 101, ...TEST_PAYER })
      .catch((e: unknown) => e);
    expect((bad as TRPCError).code).toBe("BAD_REQUEST");
    expect((bad as TRPCError).message).toMatch(/quantity: must be at most 100/);
  });

  it("another team's add-on is 404; a member may look but not buy", async () => {
    const a = await insertTeam(h, { plan: "pay_as_you_go" });
    const b = await insertTeam(h, { plan: "pay_as_you_go" });
    const bought = await callerFor(a.owner).addons.purchase({ team: a.team.slug, resource_type: "ram", quantity: 1, ...TEST_PAYER });
    await pay(await externalIdOf(bought.payment_id));
    const err = await callerFor(b.owner)
      .addons.cancel({ team: b.team.slug, resourceId: bought.resource_id })
      .catch((e: unknown) => e);
    expect((err as TRPCError).code).toBe("NOT_FOUND");
    expect((err as TRPCError).message).toBe("Add-on not found.");
    const stranger = await callerFor(b.owner)
      .addons.list({ team: a.team.slug })
      .catch((e: unknown) => e);
    expect((stranger as TRPCError).code).toBe("NOT_FOUND");

    const member = await insertUser(h);
    await h.db.insert(teamMember).values({ teamId: a.team.id, userId: member.id, role: "member" });
    expect((await callerFor(member).addons.list({ team: a.team.slug })).resources).toHaveLength(1);
    const buy = await callerFor(member)
      .addons.purchase({ team: a.team.slug, resource_type: "ram", quantity: 1, ...TEST_PAYER })
      .catch((e: unknown) => e);
    expect((buy as TRPCError).code).toBe("FORBIDDEN");
  });

  it("an add-on past its expiry stops counting even before the expiry job marks it", async () => {
    const { team, owner } = await insertTeam(h, { plan: "pay_as_you_go" });
    await h.db.insert(additionalResource).values({
      id: newId("res"),
      teamId: team.id,
      resourceType: "cpu",
      quantity: 2,
      unitPriceMinor: 200,
      status: "active",
      expiresAt: new Date(clock.nowMs() - 1000),
    });
    expect((await callerFor(owner).addons.limits({ team: team.slug })).cpu_cores).toBe(4);
  });
});
