// The outbound webhooks' event sites (spec 18.1) other than payments, tickets and usage.forecast:
// each event is written by the change it announces, in its transaction. A team with an endpoint
// subscribed to every type is driven through the services the jobs run (the clock set mid-month);
// exactly one delivery per event, with its type and data; none for a team without endpoints, none
// for a type the endpoint did not subscribe to, none when the change is rolled back.
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb } from "../../../../test/db";
import { insertTeam } from "../../../../test/fixtures";
import { deliveriesOf, teamWithEndpoint } from "../../../../test/webhook-endpoints";
import { clock } from "@/lib/clock";
import { newId } from "@/lib/ids";
import type { DbHandle } from "@/server/db/client";
import { additionalResource, payment, project, teamSubscription } from "@/server/db/schema";
import { activateAddon } from "@/server/services/addons/addon-effects";
import { appendEntry, lockTeamBilling } from "@/server/services/billing/balance";
import { expireResources } from "@/server/services/enforcement/expiry";
import { deactivateIdleProjects } from "@/server/services/enforcement/inactivity";
import { evaluateUsageLimits } from "@/server/services/enforcement/usage-alerts";

const GIB = 1024 ** 3;
const DAY = 86_400_000;
const NOW = new Date("2027-03-10T06:00:00Z");
let h: DbHandle;

beforeAll(async () => {
  process.env.WEBHOOKS_ALLOW_LOOPBACK = "1";
  clock.set(NOW);
  h = await openTestDb(4);
});
afterAll(async () => {
  clock.reset();
  delete process.env.WEBHOOKS_ALLOW_LOOPBACK;
  await h.close();
});

async function setTraffic(projectId: string, bytes: number) {
  await h.db.execute(sql`insert into project_usage (id, project_id, year, month, traffic_bytes, storage_bytes)
                         values (${`use_${projectId}`}, ${projectId}, ${NOW.getUTCFullYear()}, ${NOW.getUTCMonth() + 1}, ${Math.round(bytes)}, 0)
                         on conflict (id) do update set traffic_bytes = excluded.traffic_bytes`);
}

async function credit(teamId: string, amountMinor: number) {
  await h.db.transaction(async (tx) => {
    await lockTeamBilling(tx, teamId);
    await appendEntry(tx, { teamId, kind: "credit", amountMinor, currency: "EUR", note: "test credit", now: clock.now() });
  });
}

describe("webhook event sites", () => {
  it("usage.warning and usage.critical: one event per alert, the metric as the summary gives it, not again on the next run", async () => {
    const warn = await teamWithEndpoint(h);
    const crit = await teamWithEndpoint(h);
    // Free: 5 GB of traffic a month.
    await setTraffic(warn.projects[0]!.id, 4.2 * GIB);
    await setTraffic(crit.projects[0]!.id, 4.9 * GIB);
    await evaluateUsageLimits(h.db, { teamIds: [warn.team.id, crit.team.id], now: NOW });
    await evaluateUsageLimits(h.db, { teamIds: [warn.team.id, crit.team.id], now: NOW });
    const w = await deliveriesOf(h, warn.team.id);
    expect(w.map((d) => d.type)).toEqual(["usage.warning"]);
    expect(w[0]).toMatchObject({ status: "pending", endpoint: warn.endpoint.id });
    expect(w[0]!.payload).toEqual({
      type: "usage.warning",
      timestamp: NOW.toISOString(),
      data: {
        team_id: warn.team.id,
        team_slug: warn.team.slug,
        metric: "traffic",
        period: "2027-03",
        used_bytes: Math.round(4.2 * GIB),
        limit_bytes: 5 * GIB,
        percent: 84,
      },
    });
    const c = await deliveriesOf(h, crit.team.id);
    expect(c.map((d) => d.type)).toEqual(["usage.critical"]);
    expect(c[0]!.payload.data).toMatchObject({ metric: "traffic", percent: 98 });
  });

  it("usage.exceeded and project.suspended, then project.reactivated once back under the limit", async () => {
    const { team, projects } = await teamWithEndpoint(h);
    await setTraffic(projects[0]!.id, 6 * GIB);
    const r = await evaluateUsageLimits(h.db, { teamIds: [team.id], now: NOW });
    expect(r.suspended).toBe(1);
    let ds = await deliveriesOf(h, team.id);
    expect(ds.map((d) => d.type).sort()).toEqual(["project.suspended", "usage.exceeded"]);
    expect(ds.find((d) => d.type === "usage.exceeded")!.payload.data).toMatchObject({ team_id: team.id, metric: "traffic", used_bytes: 6 * GIB, percent: 120 });
    expect(ds.find((d) => d.type === "project.suspended")!.payload.data).toEqual({
      id: projects[0]!.id,
      team_id: team.id,
      name: "project-1",
      status: "suspended",
      status_changed_at: NOW.toISOString(),
    });
    // Again: nothing new.
    await evaluateUsageLimits(h.db, { teamIds: [team.id], now: NOW });
    expect(await deliveriesOf(h, team.id)).toHaveLength(2);

    await setTraffic(projects[0]!.id, 0);
    const later = new Date(NOW.getTime() + 60_000);
    expect((await evaluateUsageLimits(h.db, { teamIds: [team.id], now: later })).reactivated).toBe(1);
    ds = await deliveriesOf(h, team.id);
    expect(ds.map((d) => d.type)).toHaveLength(3);
    expect(ds[2]!.type).toBe("project.reactivated");
    expect(ds[2]!.payload.data).toMatchObject({ id: projects[0]!.id, status: "active", status_changed_at: later.toISOString() });
  });

  it("project.inactive: a Free project idle for 14 days, once", async () => {
    const { team, projects } = await teamWithEndpoint(h);
    await h.db
      .update(project)
      .set({ lastTrafficAt: new Date(NOW.getTime() - 15 * DAY) })
      .where(eq(project.id, projects[0]!.id));
    await deactivateIdleProjects(h.db, { now: NOW });
    await deactivateIdleProjects(h.db, { now: NOW });
    const ds = await deliveriesOf(h, team.id);
    expect(ds.map((d) => d.type)).toEqual(["project.inactive"]);
    expect(ds[0]!.payload.data).toMatchObject({ id: projects[0]!.id, team_id: team.id, status: "inactive", status_changed_at: NOW.toISOString() });
  });

  it("addon.activated in the completion's transaction, as the add-ons list gives it; none when that transaction rolls back", async () => {
    const { team } = await teamWithEndpoint(h, { plan: "pay_as_you_go" });
    const addOne = async () => {
      const resId = newId("res");
      const payId = newId("pay");
      await h.db.insert(payment).values({ id: payId, teamId: team.id, purpose: "addon_purchase", amountMinor: 200, paymentMethod: "mobile_money" });
      await h.db
        .insert(additionalResource)
        .values({ id: resId, teamId: team.id, resourceType: "storage", quantity: 2, unitPriceMinor: 100, status: "pending", paymentId: payId });
      const [p] = await h.db.select().from(payment).where(eq(payment.id, payId));
      // (The payment row's resource_id written as the purchase does, after the resource.)
      return { resId, p: { ...p!, resourceId: resId } };
    };
    const rolledBack = await addOne();
    await expect(
      h.db.transaction(async (tx) => {
        await activateAddon(tx, rolledBack.p, NOW);
        throw new Error("the completion failed");
      }),
    ).rejects.toThrow("the completion failed");
    expect(await deliveriesOf(h, team.id)).toEqual([]);

    const { resId, p } = await addOne();
    await h.db.transaction((tx) => activateAddon(tx, p, NOW));
    const ds = await deliveriesOf(h, team.id);
    expect(ds.map((d) => d.type)).toEqual(["addon.activated"]);
    expect(ds[0]!.payload.data).toMatchObject({
      id: resId,
      resource_type: "storage",
      quantity: 2,
      unit_price: 1,
      total_price: 2,
      currency: "EUR",
      status: "active",
      payment_id: p.id,
      expires_at: new Date(NOW.getTime() + 30 * DAY).toISOString(),
      auto_renew: false,
    });
  });

  it("addon.expired from expire-resources, the same shape, once", async () => {
    const { team } = await teamWithEndpoint(h, { plan: "pay_as_you_go" });
    const resId = newId("res");
    const expiresAt = new Date(NOW.getTime() - 60_000);
    await h.db
      .insert(additionalResource)
      .values({ id: resId, teamId: team.id, resourceType: "ram", quantity: 3, unitPriceMinor: 150, status: "active", expiresAt });
    await expireResources(h.db, { now: NOW });
    await expireResources(h.db, { now: NOW });
    const ds = (await deliveriesOf(h, team.id)).filter((d) => d.type.startsWith("addon."));
    expect(ds.map((d) => d.type)).toEqual(["addon.expired"]);
    expect(ds[0]!.payload).toMatchObject({ type: "addon.expired", timestamp: NOW.toISOString() });
    expect(ds[0]!.payload.data).toMatchObject({
      id: resId,
      resource_type: "ram",
      quantity: 3,
      unit_price: 1.5,
      total_price: 4.5,
      currency: "EUR",
      status: "expired",
      expires_at: expiresAt.toISOString(),
      auto_renew: false,
    });
  });

  it("subscription.renewed from the balance, subscription.lapsed after the grace, balance.low before an uncovered renewal", async () => {
    const renewed = await teamWithEndpoint(h, { plan: "pay_as_you_go" });
    const lapsed = await teamWithEndpoint(h, { plan: "pay_as_you_go" });
    const low = await teamWithEndpoint(h, { plan: "pay_as_you_go" });
    const setPro = (teamId: string, end: Date) =>
      h.db.update(teamSubscription).set({ autoRenew: true, currentPeriodEnd: end }).where(eq(teamSubscription.teamId, teamId));
    await setPro(renewed.team.id, new Date(NOW.getTime() + 3_600_000));
    await credit(renewed.team.id, 10_000);
    await setPro(lapsed.team.id, new Date(NOW.getTime() - 4 * DAY));
    await h.db.update(teamSubscription).set({ status: "past_due" }).where(eq(teamSubscription.teamId, lapsed.team.id));
    await setPro(low.team.id, new Date(NOW.getTime() + 6 * DAY));
    await expireResources(h.db, { now: NOW });
    await expireResources(h.db, { now: NOW });

    const r = await deliveriesOf(h, renewed.team.id);
    expect(r.map((d) => d.type)).toEqual(["subscription.renewed"]);
    const [pay] = await h.db
      .select()
      .from(payment)
      .where(and(eq(payment.teamId, renewed.team.id), eq(payment.provider, "balance")));
    expect(r[0]!.payload.data).toMatchObject({
      team_id: renewed.team.id,
      item: "pro",
      resource_id: null,
      payment_id: pay!.id,
      amount_minor: pay!.amountMinor,
      currency: "EUR",
      balance_minor: 10_000 - pay!.amountMinor,
    });

    const l = await deliveriesOf(h, lapsed.team.id);
    expect(l.map((d) => d.type)).toEqual(["subscription.lapsed"]);
    expect(l[0]!.payload.data).toMatchObject({
      team_id: lapsed.team.id,
      item: "pro",
      currency: "EUR",
      period_end: new Date(NOW.getTime() - 4 * DAY).toISOString(),
    });

    const b = await deliveriesOf(h, low.team.id);
    expect(b.map((d) => d.type)).toEqual(["balance.low"]);
    expect(b[0]!.payload.data).toMatchObject({
      team_id: low.team.id,
      item: "pro",
      due_at: new Date(NOW.getTime() + 6 * DAY).toISOString(),
      days: 7,
      balance_minor: 0,
      currency: "EUR",
    });
  });

  it("none for a team without endpoints, none for a type the endpoint did not subscribe to", async () => {
    const bare = await insertTeam(h, { plan: "free" });
    const picky = await teamWithEndpoint(h, { eventTypes: ["ticket.created", "usage.warning"] });
    await setTraffic(bare.projects[0]!.id, 6 * GIB);
    await setTraffic(picky.projects[0]!.id, 6 * GIB);
    const r = await evaluateUsageLimits(h.db, { teamIds: [bare.team.id, picky.team.id], now: NOW });
    expect(r.suspended).toBe(2);
    expect(await deliveriesOf(h, bare.team.id)).toEqual([]);
    expect(await deliveriesOf(h, picky.team.id)).toEqual([]);
  });
});
