import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb } from "../../../../test/db";
import { insertTeam, setPlan } from "../../../../test/fixtures";
import { clock } from "@/lib/clock";
import { newId } from "@/lib/ids";
import type { TPaymentMethod, TPaymentProviderId, TPaymentStatus } from "@/lib/payments";
import type { DbHandle } from "@/server/db/client";
import { additionalResource, billingProfile, payment, projectUsage, supportTicket } from "@/server/db/schema";
import { getRevenueReport } from "./revenue";

const NOW = new Date("2026-03-15T12:00:00Z");
const HOUR = 3_600_000;
const at = (iso: string) => new Date(iso);

let h: DbHandle;
beforeAll(async () => {
  clock.set(NOW);
  h = await openTestDb(31);
});
afterAll(async () => {
  clock.reset();
  await h.close();
});

async function pay(
  teamId: string,
  o: {
    status: TPaymentStatus;
    createdAt: Date;
    seconds?: number;
    method?: TPaymentMethod;
    provider?: TPaymentProviderId;
    purpose?: "plan_upgrade" | "top_up";
    reason?: string;
  },
) {
  await h.db.insert(payment).values({
    id: newId("pay"),
    teamId,
    purpose: o.purpose ?? "top_up",
    amountMinor: 300,
    paymentMethod: o.method ?? "mobile_money",
    provider: o.provider ?? "payment_backend",
    status: o.status,
    metadata: o.reason ? { failure_reason: o.reason } : {},
    createdAt: o.createdAt,
    completedAt: o.status === "completed" ? new Date(o.createdAt.getTime() + (o.seconds ?? 60) * 1000) : null,
  });
}

describe("getRevenueReport", () => {
  it("an empty database: every currency at zero, no payments, no teams", async () => {
    const r = await getRevenueReport(h.db, NOW);
    expect(r.revenue).toEqual(["EUR", "XOF", "XAF"].map((currency) => ({ currency, proTeams: 0, proMinor: 0, addonsMinor: 0, totalMinor: 0 })));
    expect(r).toMatchObject({ payingTeams: 0, conversionsThisMonth: 0, payments: [], failureReasons: [], topTeams: [], openTickets: 0, slaBreaches: 0 });
    expect(r.monthStart).toEqual(at("2026-03-01T00:00:00Z"));
  });

  it("figures from inserted data at a fixed instant", async () => {
    const eur = await insertTeam(h, { plan: "pay_as_you_go" });
    const xof = await insertTeam(h, { plan: "pay_as_you_go" });
    await h.db.insert(billingProfile).values({ teamId: xof.team.id, currency: "XOF", country: "SN" });
    const free = await insertTeam(h);
    const old = await insertTeam(h, { plan: "pay_as_you_go" });
    await setPlan(h, free.team.id, "free");

    await h.db.insert(additionalResource).values([
      {
        id: newId("res"),
        teamId: eur.team.id,
        resourceType: "ram",
        quantity: 2,
        unitPriceMinor: 100,
        currency: "EUR",
        status: "active",
        expiresAt: at("2026-04-01T00:00:00Z"),
      },
      {
        id: newId("res"),
        teamId: xof.team.id,
        resourceType: "cpu",
        quantity: 1,
        unitPriceMinor: 1315,
        currency: "XOF",
        status: "past_due",
        expiresAt: at("2026-03-14T00:00:00Z"),
      },
      { id: newId("res"), teamId: eur.team.id, resourceType: "storage", quantity: 5, unitPriceMinor: 100, currency: "EUR", status: "cancelled" },
    ]);

    // Conversions: eur and xof first upgraded this month; old first upgraded in February (a March one does not count it).
    await pay(eur.team.id, { purpose: "plan_upgrade", status: "completed", createdAt: at("2026-03-02T10:00:00Z"), seconds: 30 });
    await pay(xof.team.id, { purpose: "plan_upgrade", status: "completed", createdAt: at("2026-03-10T10:00:00Z"), seconds: 90 });
    await pay(old.team.id, {
      purpose: "plan_upgrade",
      status: "completed",
      createdAt: at("2026-02-20T10:00:00Z"),
      seconds: 120,
      method: "credit_card",
      provider: "stripe",
    });
    await pay(old.team.id, {
      purpose: "plan_upgrade",
      status: "completed",
      createdAt: at("2026-03-12T10:00:00Z"),
      seconds: 60,
      method: "credit_card",
      provider: "stripe",
    });
    // Failures and an open payment; one outside the 30 days is left out.
    await pay(free.team.id, { status: "failed", createdAt: at("2026-03-03T10:00:00Z"), reason: "insufficient_funds" });
    await pay(free.team.id, { status: "failed", createdAt: at("2026-03-04T10:00:00Z"), reason: "insufficient_funds" });
    await pay(free.team.id, { status: "failed", createdAt: at("2026-03-05T10:00:00Z") });
    await pay(free.team.id, { status: "pending", createdAt: at("2026-03-15T11:00:00Z") });
    await pay(free.team.id, { status: "failed", createdAt: at("2026-01-05T10:00:00Z"), reason: "expired" });

    await h.db.insert(projectUsage).values([
      { id: newId("use"), projectId: xof.projects[0]!.id, year: 2026, month: 3, trafficBytes: 5n * 1024n ** 3n },
      { id: newId("use"), projectId: eur.projects[0]!.id, year: 2026, month: 3, trafficBytes: 1024n ** 3n },
      { id: newId("use"), projectId: old.projects[0]!.id, year: 2026, month: 2, trafficBytes: 9n * 1024n ** 3n },
    ]);

    await h.db.insert(supportTicket).values([
      // Urgent (1 h), unanswered for 2 h: breached.
      {
        id: newId("tkt"),
        teamId: eur.team.id,
        userId: eur.owner.id,
        subject: "Down",
        description: "x",
        priority: "urgent",
        createdAt: new Date(NOW.getTime() - 2 * HOUR),
      },
      // Normal (24 h), 2 h old: within its target.
      {
        id: newId("tkt"),
        teamId: eur.team.id,
        userId: eur.owner.id,
        subject: "Question",
        description: "x",
        priority: "normal",
        createdAt: new Date(NOW.getTime() - 2 * HOUR),
      },
      {
        id: newId("tkt"),
        teamId: eur.team.id,
        userId: eur.owner.id,
        subject: "Done",
        description: "x",
        status: "closed",
        priority: "urgent",
        createdAt: new Date(NOW.getTime() - 9 * HOUR),
      },
    ]);

    const r = await getRevenueReport(h.db, NOW);
    expect(r.revenue).toEqual([
      { currency: "EUR", proTeams: 2, proMinor: 600, addonsMinor: 200, totalMinor: 800 },
      { currency: "XOF", proTeams: 1, proMinor: 1970, addonsMinor: 1315, totalMinor: 3285 },
      { currency: "XAF", proTeams: 0, proMinor: 0, addonsMinor: 0, totalMinor: 0 },
    ]);
    expect(r.payingTeams).toBe(3);
    expect(r.conversionsThisMonth).toBe(2);
    expect(r.payments).toEqual([
      { method: "credit_card", provider: "stripe", total: 2, final: 2, completed: 2, successRate: 1, medianSeconds: 90 },
      { method: "mobile_money", provider: "payment_backend", total: 6, final: 5, completed: 2, successRate: 0.4, medianSeconds: 60 },
    ]);
    expect(r.failureReasons).toEqual([
      { reason: "insufficient_funds", count: 2 },
      { reason: "unknown", count: 1 },
    ]);
    expect(r.topTeams.map((t) => [t.teamId, t.trafficBytes])).toEqual([
      [xof.team.id, 5 * 1024 ** 3],
      [eur.team.id, 1024 ** 3],
    ]);
    expect(r).toMatchObject({ openTickets: 2, slaBreaches: 1 });
    expect(r.tickets.find((t) => t.priority === "urgent")).toEqual({ priority: "urgent", open: 1, breached: 1 });
  });
});
