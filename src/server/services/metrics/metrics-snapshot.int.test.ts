import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb } from "../../../../test/db";
import { insertTeam } from "../../../../test/fixtures";
import { newId } from "@/lib/ids";
import type { DbHandle } from "@/server/db/client";
import { jobRun, payment, project, supportTicket } from "@/server/db/schema";
import { readMetricsSnapshot } from "./metrics-snapshot";

const NOW = new Date("2026-03-10T12:00:00Z");
const HOUR = 3_600_000;
const ago = (hours: number) => new Date(NOW.getTime() - hours * HOUR);

let h: DbHandle;
beforeAll(async () => {
  h = await openTestDb(4);
});
afterAll(async () => {
  await h.close();
});

describe("readMetricsSnapshot", () => {
  it("an empty database: every priority, status and scheduled job, at zero", async () => {
    const s = await readMetricsSnapshot(h.db, NOW);
    expect(s.payments).toEqual([]);
    expect(s.tickets).toEqual(["low", "normal", "high", "urgent"].map((priority) => ({ priority, open: 0, breached: 0 })));
    expect(s.projects).toEqual([
      { status: "active", count: 0 },
      { status: "suspended", count: 0 },
      { status: "inactive", count: 0 },
    ]);
    const monthly = s.jobs.find((j) => j.job === "issue-monthly-statements");
    expect(monthly).toEqual({
      job: "issue-monthly-statements",
      allowanceSeconds: 32 * 86_400,
      lastSuccessAt: null,
      runs: { running: 0, success: 0, failure: 0, skipped: 0 },
    });
    expect(s.jobs.find((j) => j.job === "expire-resources")?.allowanceSeconds).toBe(26 * 3600);
  });

  it("counts payments, open tickets and their breaches as slaFor does, projects by status, and each job's runs and last success", async () => {
    const { team, owner, projects } = await insertTeam(h, { projects: 3 });
    await h.db.update(project).set({ status: "suspended" }).where(eq(project.id, projects[0]!.id));
    await h.db.update(project).set({ status: "suspended" }).where(eq(project.id, projects[1]!.id));

    const pay = (status: "completed" | "failed" | "pending", paymentMethod: "mobile_money" | "credit_card", provider: "payment_backend" | "stripe") => ({
      id: newId("pay"),
      teamId: team.id,
      purpose: "plan_upgrade" as const,
      amountMinor: 300,
      paymentMethod,
      provider,
      status,
      completedAt: status === "completed" ? ago(1) : null,
    });
    await h.db
      .insert(payment)
      .values([
        pay("completed", "mobile_money", "payment_backend"),
        pay("completed", "mobile_money", "payment_backend"),
        pay("failed", "mobile_money", "payment_backend"),
        pay("pending", "credit_card", "stripe"),
      ]);

    const ticket = (
      priority: "urgent" | "normal" | "low",
      createdHoursAgo: number,
      opts: { answeredAfterHours?: number; status?: "open" | "waiting" | "closed" } = {},
    ) => ({
      id: newId("tkt"),
      teamId: team.id,
      userId: owner.id,
      subject: "App does not start",
      description: "The container exits at once.",
      priority,
      status: opts.status ?? ("open" as const),
      createdAt: ago(createdHoursAgo),
      firstResponseAt: opts.answeredAfterHours === undefined ? null : new Date(ago(createdHoursAgo).getTime() + opts.answeredAfterHours * HOUR),
    });
    await h.db.insert(supportTicket).values([
      ticket("urgent", 2), // unanswered past its 1 h: breached
      ticket("urgent", 0.5), // 30 minutes left: pending
      ticket("normal", 30, { answeredAfterHours: 25, status: "waiting" }), // answered after its 24 h: breached
      ticket("normal", 30, { answeredAfterHours: 2, status: "waiting" }), // met
      ticket("low", 100, { status: "closed" }), // not open: not counted
    ]);

    await h.db.insert(jobRun).values([
      { id: newId("job"), job: "expire-resources", startedAt: ago(50), finishedAt: ago(50), outcome: "success" },
      { id: newId("job"), job: "expire-resources", startedAt: ago(26), finishedAt: ago(26), outcome: "success" },
      { id: newId("job"), job: "expire-resources", startedAt: ago(2), finishedAt: ago(2), outcome: "failure" },
      // Started while another run held the job: counted as skipped, not as a success.
      { id: newId("job"), job: "expire-resources", startedAt: ago(1), finishedAt: ago(1), outcome: "skipped" },
      // Not a scheduled job: not listed.
      { id: newId("job"), job: "reconcile-payment", startedAt: ago(1), finishedAt: ago(1), outcome: "success" },
    ]);

    const s = await readMetricsSnapshot(h.db, NOW);
    const sortKey = (p: { provider: string; method: string; status: string }) => `${p.provider}/${p.method}/${p.status}`;
    expect([...s.payments].sort((a, b) => sortKey(a).localeCompare(sortKey(b)))).toEqual([
      { provider: "payment_backend", method: "mobile_money", status: "completed", count: 2 },
      { provider: "payment_backend", method: "mobile_money", status: "failed", count: 1 },
      { provider: "stripe", method: "credit_card", status: "pending", count: 1 },
    ]);
    expect(s.tickets).toEqual([
      { priority: "low", open: 0, breached: 0 },
      { priority: "normal", open: 2, breached: 1 },
      { priority: "high", open: 0, breached: 0 },
      { priority: "urgent", open: 2, breached: 1 },
    ]);
    expect(s.projects).toEqual([
      { status: "active", count: 1 },
      { status: "suspended", count: 2 },
      { status: "inactive", count: 0 },
    ]);
    const expire = s.jobs.find((j) => j.job === "expire-resources")!;
    expect(expire.runs).toEqual({ running: 0, success: 2, failure: 1, skipped: 1 });
    expect(expire.lastSuccessAt?.toISOString()).toBe(ago(26).toISOString());
    expect(s.jobs.map((j) => j.job)).not.toContain("reconcile-payment");
  });
});
