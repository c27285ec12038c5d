import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertUser, openTestDb } from "../../../../test/db";
import { insertTeam } from "../../../../test/fixtures";
import { clock } from "@/lib/clock";
import { newId } from "@/lib/ids";
import { GB } from "@/lib/usage-levels";
import type { DbHandle } from "@/server/db/client";
import { additionalResource, payment, project, projectUsage } from "@/server/db/schema";
import { createContextInner, type TSessionUser } from "@/server/api/context";
import { appRouter } from "@/server/api/root";
import { createCallerFactory } from "@/server/api/trpc";
import { evaluateUsageLimits } from "@/server/services/enforcement/usage-alerts";

const T0 = new Date("2026-12-02T08:00:00Z");
const createCaller = createCallerFactory(appRouter);
let h: DbHandle;
let carol: TSessionUser;
const callerFor = (user: TSessionUser) => createCaller(createContextInner({ db: h.db, user, now: T0, locale: "en" }));

beforeAll(async () => {
  clock.set(T0);
  h = await openTestDb(6);
  carol = await insertUser(h, { role: "support", name: "Carol Support" });
});
afterAll(async () => {
  clock.reset();
  await h.close();
});

describe("support.teamContext", () => {
  it("gives plan, balance, usage levels, stopped projects and why, the last five payments, active add-ons and unread alerts", async () => {
    const fx = await insertTeam(h, { plan: "pay_as_you_go", projects: 3 });
    const [busy, idle] = fx.projects;
    // 25 GB of a Pro team's 10 GB + a 10 GB add-on: 125 %, so the team is suspended; one project idle (inactive).
    await h.db.insert(projectUsage).values({ id: newId("use"), projectId: busy!.id, year: 2026, month: 12, trafficBytes: 25n * GB, storageBytes: 0n });
    await h.db
      .update(project)
      .set({ status: "inactive", lastTrafficAt: new Date("2026-11-01T00:00:00Z") })
      .where(eq(project.id, idle!.id));
    await h.db.insert(additionalResource).values({
      id: newId("res"),
      teamId: fx.team.id,
      resourceType: "traffic",
      quantity: 1,
      unitPriceMinor: 100,
      status: "active",
      expiresAt: new Date(T0.getTime() + 10 * 86_400_000),
    });
    await h.db.insert(additionalResource).values({
      id: newId("res"),
      teamId: fx.team.id,
      resourceType: "ram",
      quantity: 1,
      unitPriceMinor: 100,
      status: "expired",
      expiresAt: new Date(T0.getTime() - 86_400_000),
    });
    for (let i = 0; i < 6; i++) {
      await h.db.insert(payment).values({
        id: `pay_ctx_${fx.team.id}_${i}`,
        teamId: fx.team.id,
        purpose: "plan_upgrade",
        amountMinor: 300,
        paymentMethod: "mobile_money",
        status: i === 5 ? "failed" : "completed",
        completedAt: i === 5 ? null : new Date(T0.getTime() - (10 - i) * 3_600_000),
        metadata: i === 5 ? { failure_reason: "insufficient_funds" } : {},
        createdAt: new Date(T0.getTime() - (10 - i) * 3_600_000),
      });
    }
    await evaluateUsageLimits(h.db, { teamIds: [fx.team.id], now: T0 });
    const t = await callerFor(fx.owner).tickets.create({
      team: fx.team.slug,
      subject: "I paid but I'm suspended",
      description: "Why is my project stopped?",
      category: "billing",
      priority: "normal",
    });
    await callerFor(carol).support.grantCredit({ ticketId: t.ticket_id, amount: 1.5, reason: "Goodwill" });

    const c = await callerFor(carol).support.teamContext({ ticketId: t.ticket_id });
    expect(c.team).toMatchObject({ id: fx.team.id, slug: fx.team.slug });
    expect(c.requester).toEqual({ id: fx.owner.id, name: fx.owner.name, email: fx.owner.email });
    expect(c.plan).toMatchObject({ id: "pay_as_you_go", status: "active", auto_renew: false });
    expect(c.plan.current_period_end).toBeInstanceOf(Date);
    expect(c.balance).toEqual({ currency: "EUR", balance_minor: 150, balance: 1.5 });
    expect(c.usage.traffic).toMatchObject({ bytes: 25n * GB, limit_bytes: 20n * GB, level: "exceeded" });
    expect(c.usage.traffic.percent).toBe(125);
    expect(c.usage.level).toBe("exceeded");
    expect(c.stopped_projects.map((p) => [p.id, p.status, p.reason, p.over_limits])).toEqual(
      expect.arrayContaining([
        [busy!.id, "suspended", "usage_limit", ["traffic"]],
        [idle!.id, "inactive", "no_traffic", []],
      ]),
    );
    expect(c.payments).toHaveLength(5);
    expect(c.payments[0]).toMatchObject({
      id: `pay_ctx_${fx.team.id}_5`,
      provider: "payment_backend",
      payment_method: "mobile_money",
      status: "failed",
      failure_reason: "insufficient_funds",
      age_seconds: 5 * 3600,
    });
    expect(c.addons.map((a) => a.resource_type)).toEqual(["traffic"]);
    expect(c.alerts.unread).toBe(1);
    expect(c.alerts.latest[0]).toMatchObject({ kind: "usage.exceeded" });
    expect(c.alerts.latest[0]!.title).toMatch(/traffic/i);
  });

  it("an unknown ticket is NOT_FOUND", async () => {
    await expect(callerFor(carol).support.teamContext({ ticketId: "tkt_nope" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
