// No Inngest server runs here (its dev server downloads a binary): @inngest/test's InngestTestEngine
// stands in for it, running the real function and its steps in this process against the real
// Postgres and Docker. inngest/serve.int.test.ts calls /api/inngest the way the server does.
import type Docker from "dockerode";
import { InngestTestEngine } from "@inngest/test";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb } from "../../test/db";
import { busyboxImage, ensureDocker, isRunning, runContainer } from "../../test/docker";
import { insertTeam, TEST_PAYER } from "../../test/fixtures";
import { TEST_WEBHOOK_SECRET, startPaymentServer } from "../../test/payment-harness";
import { newId } from "../../src/lib/ids";
import type { DbHandle } from "../../src/server/db/client";
import { additionalResource, notification, payment, project, teamSubscription } from "../../src/server/db/schema";
import { PROJECT_LABEL } from "../../src/server/integrations/docker";
import { evaluateUsageLimits } from "../../src/server/services/enforcement/usage-alerts";
import { getEffectiveLimits } from "../../src/server/services/limits/effective-limits";
import { initiatePayment } from "../../src/server/services/payments/payments";
import { sandboxDecide } from "../../src/server/services/payments/sandbox-backend";
import { getTeamAccess } from "../../src/server/services/teams/teams";
import { recordTraffic } from "../../src/server/services/usage/record-traffic";
import { createExpireResources } from "./expire-resources";
import { clock } from "../../src/lib/clock";

const DAY = 86_400_000;
let h: DbHandle;
let pay: Awaited<ReturnType<typeof startPaymentServer>>;

beforeAll(async () => {
  h = await openTestDb(6);
  pay = await startPaymentServer(h.db);
});
afterAll(async () => {
  await pay.close();
  await h.close();
});

const noDocker = (): Docker => {
  throw new Error("not used");
};

function runJob(now = clock.now(), docker = noDocker) {
  const fn = createExpireResources({ getDb: async () => h.db, docker, now: () => now, payments: () => pay.context });
  return new InngestTestEngine({ function: fn, events: [{ name: "inngest/scheduled.timer", data: { cron: "TZ=UTC 0 5 * * *" } }] }).execute();
}

const kinds = async (teamId: string) =>
  (await h.db.select({ kind: notification.kind }).from(notification).where(eq(notification.teamId, teamId))).map((n) => n.kind).sort();

/** A Pro payment the payer paid at the sandbox, whose callback never arrived, started 15 minutes ago. */
async function paidButWebhookLost(teamId: string, ownerId: string) {
  const access = await getTeamAccess(h.db, { teamRef: teamId, userId: ownerId, globalRole: "user" });
  const started = await initiatePayment(h.db, pay.context, { access, userId: ownerId, body: { payment_method: "mobile_money", ...TEST_PAYER } });
  await sandboxDecide(h.db, {
    id: started.external_payment_id!,
    outcome: "completed",
    webhookSecret: TEST_WEBHOOK_SECRET,
    fetch: async () => {
      throw new Error("lost");
    },
  });
  await h.db.execute(sql`update payment set created_at = ${new Date(clock.nowMs() - 15 * 60_000).toISOString()}::timestamptz where id = ${started.id}`);
  return started;
}

describe("expire-resources", () => {
  it("expires an add-on and a Pro period in the past; the limits drop; a second run changes nothing", async () => {
    const { team } = await insertTeam(h, { plan: "pay_as_you_go" });
    await h.db
      .update(teamSubscription)
      .set({ currentPeriodEnd: new Date(clock.nowMs() - DAY) })
      .where(eq(teamSubscription.teamId, team.id));
    const resId = newId("res");
    await h.db.insert(additionalResource).values({
      id: resId,
      teamId: team.id,
      resourceType: "storage",
      quantity: 2,
      unitPriceMinor: 100,
      status: "active",
      expiresAt: new Date(clock.nowMs() - 60_000),
    });
    const { error } = await runJob();
    expect(error).toBeUndefined();
    const [sub] = await h.db.select().from(teamSubscription).where(eq(teamSubscription.teamId, team.id));
    expect(sub!.planId).toBe("free");
    const [r] = await h.db.select().from(additionalResource).where(eq(additionalResource.id, resId));
    expect(r!.status).toBe("expired");
    expect(await getEffectiveLimits(h.db, team.id)).toMatchObject({ plan: "free", storage_mb: 100, traffic_gb: 5 });
    expect(await kinds(team.id)).toEqual(["addon.expired", "plan.expired"]);
    await runJob();
    expect(await kinds(team.id)).toEqual(["addon.expired", "plan.expired"]);
  });

  it("reminds 3 days before an add-on or Pro lapses, and of payments pending over 24 h, once", async () => {
    const { team } = await insertTeam(h, { plan: "pay_as_you_go" });
    await h.db
      .update(teamSubscription)
      .set({ currentPeriodEnd: new Date(clock.nowMs() + 2 * DAY) })
      .where(eq(teamSubscription.teamId, team.id));
    await h.db.insert(additionalResource).values({
      id: newId("res"),
      teamId: team.id,
      resourceType: "ram",
      quantity: 1,
      unitPriceMinor: 100,
      status: "active",
      expiresAt: new Date(clock.nowMs() + DAY),
    });
    await h.db.insert(payment).values({
      id: newId("pay"),
      teamId: team.id,
      purpose: "plan_upgrade",
      amountMinor: 300,
      paymentMethod: "mobile_money",
      createdAt: new Date(clock.nowMs() - 2 * DAY),
    });
    await runJob();
    await runJob();
    expect(await kinds(team.id)).toEqual(["addon.expiring", "payment.pending", "plan.expiring"]);
    const [planNote] = await h.db.select().from(notification).where(eq(notification.kind, "plan.expiring"));
    expect(planNote!.body).toMatch(/Pay for 30 more days on the Billing page/);
  });

  it("a paid payment whose webhook was lost is completed by reconciliation against the sandbox backend", async () => {
    const { team, owner } = await insertTeam(h, { plan: "free" });
    const started = await paidButWebhookLost(team.id, owner.id);
    const { result, error } = await runJob();
    expect(error).toBeUndefined();
    expect((result as { reconciliation: { applied: number } }).reconciliation.applied).toBeGreaterThanOrEqual(1);
    const [p] = await h.db.select().from(payment).where(eq(payment.id, started.id));
    expect(p!.status).toBe("completed");
    expect(p!.metadata.last_update_source).toBe("reconciliation");
    const [sub] = await h.db.select().from(teamSubscription).where(eq(teamSubscription.teamId, team.id));
    expect(sub!.planId).toBe("pay_as_you_go");
  });

  it("a server that takes no payments runs the expiries and skips reconciliation, without failing", async () => {
    const fn = createExpireResources({ getDb: async () => h.db, docker: noDocker, now: () => clock.now(), payments: () => null });
    const { result, error } = await new InngestTestEngine({
      function: fn,
      events: [{ name: "inngest/scheduled.timer", data: { cron: "TZ=UTC 0 5 * * *" } }],
    }).execute();
    expect(error).toBeUndefined();
    expect(result).toMatchObject({ reconciliation: { skipped: "no payment backend configured" } });
  });

  it("a suspended Free team whose Pro payment is completed by reconciliation gets its projects and containers back in the same run", async () => {
    const docker = await ensureDocker();
    const { team, owner, projects } = await insertTeam(h, { plan: "free" });
    const projectId = projects[0]!.id;
    const image = busyboxImage(`servelink-test/reconcile-${projectId.toLowerCase()}:1`, { [PROJECT_LABEL]: projectId });
    const container = await runContainer(docker, image, { [PROJECT_LABEL]: projectId });
    try {
      // 5.5 GB of Free's 5 GB: suspended, container stopped.
      const now = clock.now();
      await recordTraffic(h.db, { events: [{ project_id: projectId, bytes: Math.ceil(5.5 * 1024 ** 3) }] }, { now });
      expect(await evaluateUsageLimits(h.db, { teamIds: [team.id], docker: () => docker, now })).toMatchObject({ suspended: 1 });
      expect(await isRunning(docker, container.id)).toBe(false);

      await paidButWebhookLost(team.id, owner.id);

      const { result, error } = await runJob(now, () => docker);
      expect(error).toBeUndefined();
      expect((result as { lifted: unknown }).lifted).toMatchObject({ reactivated: 1, docker_error: null });
      const [back] = await h.db.select({ status: project.status }).from(project).where(eq(project.id, projectId));
      expect(back!.status).toBe("active");
      expect(await isRunning(docker, container.id)).toBe(true);
    } finally {
      await docker
        .getContainer(container.id)
        .remove({ force: true })
        .catch(() => {});
      await docker
        .getImage(image)
        .remove({ force: true })
        .catch(() => {});
    }
  });
});
