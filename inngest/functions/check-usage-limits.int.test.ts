// No Inngest server runs here (its dev server downloads a binary): @inngest/test's InngestTestEngine
// stands in for it, running the real function and its steps in this process against the real
// Postgres and Docker. inngest/serve.int.test.ts calls /api/inngest the way the server does.
import type Docker from "dockerode";
import { InngestTestEngine } from "@inngest/test";
import { and, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertUser, openTestDb } from "../../test/db";
import { busyboxImage, ensureDocker, isRunning, runContainer } from "../../test/docker";
import { insertTeam, TEST_PAYER } from "../../test/fixtures";
import { teamWithEndpoint } from "../../test/webhook-endpoints";
import { TEST_WEBHOOK_SECRET, startPaymentServer } from "../../test/payment-harness";
import { startSmtpServer } from "../../test/smtp";
import { rowsOf, type DbHandle } from "../../src/server/db/client";
import { notification, payment, project, teamMember } from "../../src/server/db/schema";
import { PROJECT_LABEL } from "../../src/server/integrations/docker";
import { createMailer } from "../../src/server/integrations/mailer";
import { purchaseAddon } from "../../src/server/services/addons/addons";
import { evaluateUsageLimits } from "../../src/server/services/enforcement/usage-alerts";
import { sandboxDecide } from "../../src/server/services/payments/sandbox-backend";
import { getTeamAccess } from "../../src/server/services/teams/teams";
import { recordTraffic } from "../../src/server/services/usage/record-traffic";
import { getUsageSummary } from "../../src/server/services/usage/usage-summary";
import { createCheckUsageLimits } from "./check-usage-limits";
import { clock } from "../../src/lib/clock";

const GIB = 1024 ** 3;
let h: DbHandle;
let docker: Docker;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let pay: Awaited<ReturnType<typeof startPaymentServer>>;
const containers: string[] = [];
const images: string[] = [];

beforeAll(async () => {
  h = await openTestDb(8);
  docker = await ensureDocker();
  smtp = await startSmtpServer();
  // The payment webhook is followed up as the app does it (e-mail, limits), with this file's Docker engine.
  pay = await startPaymentServer(h.db, { followUp: { docker: () => docker, mailer: () => createMailer(smtp.url) } });
});
afterAll(async () => {
  for (const c of containers)
    await docker
      .getContainer(c)
      .remove({ force: true })
      .catch(() => {});
  for (const i of images)
    await docker
      .getImage(i)
      .remove({ force: true })
      .catch(() => {});
  await pay.close();
  await smtp.close();
  await h.close();
});

function runJob(now: Date) {
  const [fn] = createCheckUsageLimits({ getDb: async () => h.db, docker: () => docker, now: () => now, mailer: () => createMailer(smtp.url) });
  return new InngestTestEngine({ function: fn!, events: [{ name: "inngest/scheduled.timer", data: { cron: "TZ=UTC 0 6 * * *" } }] }).execute();
}

const usageAlerts = async (teamId: string) =>
  (await h.db.select().from(notification).where(eq(notification.teamId, teamId)))
    .filter((n) => n.kind.startsWith("usage."))
    .map((n) => `${n.kind}:${n.metric}:${n.period}`)
    .sort();

describe("check-usage-limits", () => {
  it("warning at 85 % once, critical at 96 %, suspension at 101 % with containers stopped, back on an add-on, ok next month", async () => {
    const { team, owner, projects } = await insertTeam(h, { plan: "pay_as_you_go", projects: 1 });
    const admin = await insertUser(h);
    await h.db.insert(teamMember).values({ teamId: team.id, userId: admin.id, role: "admin" });
    const projectId = projects[0]!.id;
    const image = busyboxImage(`servelink-test/limits-${projectId.toLowerCase()}:1`, { [PROJECT_LABEL]: projectId });
    images.push(image);
    const container = await runContainer(docker, image, { [PROJECT_LABEL]: projectId });
    containers.push(container.id);
    const now = clock.now();
    const period = now.toISOString().slice(0, 7);
    const limit = 10 * GIB; // Pro

    await recordTraffic(h.db, { events: [{ project_id: projectId, bytes: Math.ceil(0.85 * limit) }] }, { now });
    const mailsBefore = smtp.received.length;
    const first = await runJob(now);
    expect(first.error).toBeUndefined();
    expect(await usageAlerts(team.id)).toEqual([`usage.warning:traffic:${period}`]);
    const mails = smtp.received.slice(mailsBefore).filter((m) => m.subject.includes(team.slug));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.to.sort()).toEqual([owner.email, admin.email].sort());
    expect(mails[0]!.subject).toMatch(/monthly traffic at 85%/);
    expect(mails[0]!.raw).toMatch(/Buy a traffic add-on/);
    expect(mails[0]!.raw).not.toMatch(/Upgrade the team to Pro/);

    await runJob(now);
    expect(await usageAlerts(team.id)).toEqual([`usage.warning:traffic:${period}`]);
    expect(smtp.received.slice(mailsBefore).filter((m) => m.subject.includes(team.slug))).toHaveLength(1);

    await recordTraffic(h.db, { events: [{ project_id: projectId, bytes: Math.ceil(0.11 * limit) }] }, { now });
    await runJob(now);
    expect(await usageAlerts(team.id)).toEqual([`usage.critical:traffic:${period}`, `usage.warning:traffic:${period}`]);

    await recordTraffic(h.db, { events: [{ project_id: projectId, bytes: Math.ceil(0.05 * limit) }] }, { now });
    await runJob(now);
    expect(await usageAlerts(team.id)).toContain(`usage.exceeded:traffic:${period}`);
    const [suspended] = await h.db.select({ status: project.status }).from(project).where(eq(project.id, projectId));
    expect(suspended!.status).toBe("suspended");
    expect(await isRunning(docker, container.id)).toBe(false);

    // An add-on (+10 GB) bought and paid: the webhook's follow-up (the app's own, after the answer) lifts the suspension.
    const access = await getTeamAccess(h.db, { teamRef: team.id, userId: owner.id, globalRole: "user" });
    const bought = await purchaseAddon(h.db, pay.context, {
      access,
      userId: owner.id,
      resourceType: "traffic",
      quantity: 1,
      paymentMethod: "mobile_money",
      payer: TEST_PAYER,
    });
    const [p] = await h.db.select().from(payment).where(eq(payment.id, bought.payment_id));
    const decided = await sandboxDecide(h.db, { id: p!.externalPaymentId!, outcome: "completed", webhookSecret: TEST_WEBHOOK_SECRET });
    expect(decided.delivered).toBe(true);
    await pay.idle();
    const [back] = await h.db.select({ status: project.status }).from(project).where(eq(project.id, projectId));
    expect(back!.status).toBe("active");
    expect(await isRunning(docker, container.id)).toBe(true);

    // Next month: traffic starts from zero; nothing new is sent for the new month.
    const nextMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 2, 6));
    await runJob(nextMonth);
    const nextPeriod = nextMonth.toISOString().slice(0, 7);
    expect((await usageAlerts(team.id)).filter((a) => a.endsWith(nextPeriod))).toEqual([]);
    const [still] = await h.db
      .select({ status: project.status })
      .from(project)
      .where(and(eq(project.id, projectId), inArray(project.status, ["active"])));
    expect(still?.status).toBe("active");
  });

  it("a Free team's alert says to upgrade", async () => {
    const { team, projects } = await insertTeam(h, { plan: "free" });
    const now = clock.now();
    await recordTraffic(h.db, { events: [{ project_id: projects[0]!.id, bytes: Math.ceil(0.9 * 5 * GIB) }] }, { now });
    await evaluateUsageLimits(h.db, { teamIds: [team.id], now });
    const [n] = await h.db.select().from(notification).where(eq(notification.teamId, team.id));
    expect(n!.title).toMatch(/monthly traffic at 90% \(warning\)/);
    expect(n!.body).toMatch(/4\.5 GB of 5 GB \(90%\)/);
    expect(n!.body).toMatch(/resets on [A-Z][a-z]{2} 1, \d{4} \(UTC\)/);
    expect(n!.body).toMatch(/Upgrade the team to Pro/);
  });

  it("records its heartbeat", async () => {
    const before = clock.now();
    const result = await runJob(before);
    expect(result.error).toBeUndefined();
    const rows = rowsOf<{ outcome: string; finished: boolean }>(
      await h.db.execute(
        sql`select outcome, finished_at is not null as finished from job_run where job = 'check-usage-limits' and started_at >= ${before.toISOString()}::timestamptz`,
      ),
    );
    expect(rows).toContainEqual({ outcome: "success", finished: true });
  });

  describe("usage.forecast (spec 18.2)", () => {
    // The 18th, 06:00 UTC: the last 7 complete days are the 11th to the 17th.
    const at = new Date("2026-12-18T06:00:00Z");
    const day = (d: number) => `2026-12-${String(d).padStart(2, "0")}`;
    const writeDays = async (projectId: string, days: [string, number][]) => {
      for (const [d, bytes] of days) {
        await h.db.execute(sql`insert into project_usage_daily (project_id, day, traffic_bytes) values (${projectId}, ${d}::date, ${bytes})`);
      }
      const total = days.reduce((s, [, b]) => s + b, 0);
      await h.db.execute(sql`insert into project_usage (id, project_id, year, month, traffic_bytes, storage_bytes)
                             values (${`use_${projectId}`}, ${projectId}, 2026, 12, ${total}, 0)`);
    };
    const forecastRows = async (teamId: string) =>
      (await h.db.select().from(notification).where(eq(notification.teamId, teamId))).filter((n) => n.kind === "usage.forecast");

    it("a team whose last 7 days project past its limit on the 24th gets one usage.forecast, and one webhook event, not two when the job runs again", async () => {
      clock.set(at);
      try {
        process.env.WEBHOOKS_ALLOW_LOOPBACK = "1";
        const { team, projects } = await teamWithEndpoint(h, { plan: "pay_as_you_go", eventTypes: ["usage.forecast"] }).finally(() => {
          delete process.env.WEBHOOKS_ALLOW_LOOPBACK;
        });
        // 3.5 GiB on the 1st, then 0.5 GiB a day from the 11th to the 17th: 7 of 10 GiB (70 %), 3 GiB
        // left at 0.5 GiB a day from the 18th 06:00, the limit is reached on the 24th at 06:00.
        await writeDays(projects[0]!.id, [[day(1), 3.5 * GIB], ...Array.from({ length: 7 }, (_, i) => [day(11 + i), 0.5 * GIB] as [string, number])]);

        const summary = await getUsageSummary(h.db, team, { now: at });
        expect(summary.totals.traffic.percent).toBe(70);
        expect(summary.totals.traffic.forecast).toEqual({
          month_end_bytes: BigInt(7 * GIB + 0.5 * GIB * 13.75),
          month_end_percent: 138.8,
          limit_reached_on: "2026-12-24",
        });

        expect((await runJob(at)).error).toBeUndefined();
        await runJob(new Date("2026-12-18T07:00:00Z"));
        const notes = await forecastRows(team.id);
        expect(notes.map((n) => `${n.kind}:${n.metric}:${n.period}`)).toEqual(["usage.forecast:traffic:2026-12"]);
        expect(notes[0]!.title).toMatch(/monthly traffic on course to reach its limit around Dec 24, 2026/);
        expect(notes[0]!.body).toMatch(/reaches 14 GB by the end of the month, past its limit of 10 GB/);
        expect(await usageAlerts(team.id)).toEqual(["usage.forecast:traffic:2026-12"]);

        const deliveries = rowsOf<{ event_type: string; payload: { data: Record<string, unknown> } }>(
          await h.db.execute(sql`select event_type, payload from webhook_delivery where team_id = ${team.id}`),
        );
        expect(deliveries).toHaveLength(1);
        expect(deliveries[0]!.event_type).toBe("usage.forecast");
        expect(deliveries[0]!.payload.data).toMatchObject({ metric: "traffic", period: "2026-12", percent: 70, limit_reached_on: "2026-12-24" });
      } finally {
        clock.reset();
      }
    });

    it("a team with no traffic gets limit_reached_on null and no notice", async () => {
      clock.set(at);
      try {
        const { team } = await insertTeam(h, { plan: "pay_as_you_go" });
        const summary = await getUsageSummary(h.db, team, { now: at });
        expect(summary.totals.traffic.forecast).toEqual({ month_end_bytes: 0n, month_end_percent: 0, limit_reached_on: null });
        expect(summary.totals.storage.forecast).toBeNull();
        await evaluateUsageLimits(h.db, { teamIds: [team.id], now: at });
        expect(await forecastRows(team.id)).toEqual([]);
      } finally {
        clock.reset();
      }
    });

    it("says nothing when the limit is less than 3 days ahead, or on the 1st (no forecast)", async () => {
      clock.set(at);
      try {
        const { team, projects } = await insertTeam(h, { plan: "pay_as_you_go" });
        // 7.5 GiB used (75 %), 1 GiB a day: the limit on the 20th, 2 days ahead.
        await writeDays(projects[0]!.id, [[day(1), 0.5 * GIB], ...Array.from({ length: 7 }, (_, i) => [day(11 + i), GIB] as [string, number])]);
        await evaluateUsageLimits(h.db, { teamIds: [team.id], now: at });
        expect(await forecastRows(team.id)).toEqual([]);
        const first = new Date("2027-01-01T06:00:00Z");
        expect((await getUsageSummary(h.db, team, { now: first })).totals.traffic.forecast).toBeNull();
      } finally {
        clock.reset();
      }
    });
  });
});
