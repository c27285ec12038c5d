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
});
