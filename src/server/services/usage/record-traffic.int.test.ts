import { eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertTeam } from "../../../../test/fixtures";
import { openTestDb } from "../../../../test/db";
import { ZTrafficBatchSchema } from "@/lib/schemas/usage";
import { toRestError } from "@/server/api/error-mapping";
import type { DbHandle } from "@/server/db/client";
import { ingestBatch, project, projectUsage, projectUsageDaily } from "@/server/db/schema";
import { MAX_COUNTER, recordTraffic } from "./record-traffic";
import { clock } from "@/lib/clock";
import { DomainError } from "@/server/errors";

let h: DbHandle;
// The clock's time: CI runs this file at month ends, the year's end and a leap day, where the
// last 3 days of events straddle two months (and two years).
const NOW = clock.now();

beforeAll(async () => {
  h = await openTestDb(12);
});
afterAll(async () => {
  await h.close();
});

async function totals(projectIds: string[]) {
  const daily = await h.db
    .select({
      id: projectUsageDaily.projectId,
      bytes: sql<string>`sum(${projectUsageDaily.trafficBytes})::text`,
      requests: sql<string>`sum(${projectUsageDaily.requests})::text`,
    })
    .from(projectUsageDaily)
    .where(inArray(projectUsageDaily.projectId, projectIds))
    .groupBy(projectUsageDaily.projectId);
  const monthly = await h.db
    .select({ id: projectUsage.projectId, bytes: sql<string>`sum(${projectUsage.trafficBytes})::text` })
    .from(projectUsage)
    .where(inArray(projectUsage.projectId, projectIds))
    .groupBy(projectUsage.projectId);
  return {
    daily: Object.fromEntries(daily.map((r) => [r.id, BigInt(r.bytes)])),
    requests: Object.fromEntries(daily.map((r) => [r.id, BigInt(r.requests)])),
    monthly: Object.fromEntries(monthly.map((r) => [r.id, BigInt(r.bytes)])),
  };
}

describe("traffic ingest", () => {
  it("20 concurrent batches of 1,000 random events sum exactly, in the daily and the monthly rows", async () => {
    const { projects } = await insertTeam(h, { plan: "pay_as_you_go", projects: 5 });
    const ids = projects.map((p) => p.id);
    const expected = new Map<string, bigint>(ids.map((id) => [id, 0n]));
    const expectedDaily = new Map<string, bigint>();
    let seed = 42;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const batches = Array.from({ length: 20 }, () =>
      Array.from({ length: 1000 }, () => {
        const id = ids[Math.floor(rand() * ids.length)]!;
        const bytes = Math.floor(rand() * 5_000_000);
        // Spread over the last 3 days (two months' rows when the 1st is near).
        const at = new Date(NOW.getTime() - Math.floor(rand() * 3 * 86_400_000));
        expected.set(id, expected.get(id)! + BigInt(bytes));
        const dayKey = `${id}|${at.toISOString().slice(0, 10)}`;
        expectedDaily.set(dayKey, (expectedDaily.get(dayKey) ?? 0n) + BigInt(bytes));
        return { project_id: id, bytes, at: at.toISOString() };
      }),
    );
    const results = await Promise.all(batches.map((events) => recordTraffic(h.db, { events }, { now: NOW })));
    expect(results.every((r) => r.accepted === 1000 && r.rejected.length === 0)).toBe(true);
    const t = await totals(ids);
    for (const id of ids) {
      expect(t.daily[id]).toBe(expected.get(id));
      expect(t.monthly[id]).toBe(expected.get(id));
    }
    expect(Object.values(t.requests).reduce((a, b) => a + b, 0n)).toBe(20_000n);
    const dailyRows = await h.db
      .select({ id: projectUsageDaily.projectId, day: projectUsageDaily.day, bytes: projectUsageDaily.trafficBytes })
      .from(projectUsageDaily)
      .where(inArray(projectUsageDaily.projectId, ids));
    expect(new Map(dailyRows.map((r) => [`${r.id}|${r.day}`, r.bytes]))).toEqual(expectedDaily);
  });

  it("a replayed Idempotency-Key counts once and answers the first response", async () => {
    const { projects } = await insertTeam(h);
    const id = projects[0]!.id;
    const events = [
      { project_id: id, bytes: 1000 },
      { project_id: "prj_nope", bytes: 5 },
    ];
    const first = await recordTraffic(h.db, { events }, { idempotencyKey: `key-${id}`, now: NOW });
    const again = await recordTraffic(h.db, { events }, { idempotencyKey: `key-${id}`, now: NOW });
    expect(first).toMatchObject({ accepted: 1, rejected: [{ index: 1, reason: "unknown_project" }], replayed: false });
    expect(again).toMatchObject({ accepted: 1, rejected: [{ index: 1, reason: "unknown_project" }], replayed: true });
    expect((await totals([id])).daily[id]).toBe(1000n);
  });

  it("concurrent copies of one keyed batch count once", async () => {
    const { projects } = await insertTeam(h);
    const id = projects[0]!.id;
    const results = await Promise.all(
      Array.from({ length: 10 }, () => recordTraffic(h.db, { events: [{ project_id: id, bytes: 777 }] }, { idempotencyKey: `race-${id}`, now: NOW })),
    );
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect((await totals([id])).daily[id]).toBe(777n);
  });

  it("a batch whose write fails leaves its key unused, so the retry counts", async () => {
    const { projects } = await insertTeam(h);
    const id = projects[0]!.id;
    // A real failure inside the transaction: the monthly write raises for this project.
    await h.db.execute(
      sql.raw(`
      create or replace function fail_for_test() returns trigger language plpgsql as $$
      begin if new.project_id = '${id}' then raise exception 'disk full (test)'; end if; return new; end $$;
      create trigger fail_for_test before insert or update on project_usage for each row execute function fail_for_test();`),
    );
    try {
      await expect(recordTraffic(h.db, { events: [{ project_id: id, bytes: 4096 }] }, { idempotencyKey: `fail-${id}`, now: NOW })).rejects.toThrow();
    } finally {
      await h.db.execute(sql.raw(`drop trigger fail_for_test on project_usage; drop function fail_for_test();`));
    }
    expect(
      await h.db
        .select()
        .from(ingestBatch)
        .where(eq(ingestBatch.idempotencyKey, `fail-${id}`)),
    ).toEqual([]);
    expect((await totals([id])).daily[id]).toBeUndefined();
    const retry = await recordTraffic(h.db, { events: [{ project_id: id, bytes: 4096 }] }, { idempotencyKey: `fail-${id}`, now: NOW });
    expect(retry).toMatchObject({ accepted: 1, replayed: false });
    expect((await totals([id])).daily[id]).toBe(4096n);
  });

  it("unknown projects and out-of-window times are rejected with their index; the rest count", async () => {
    const { projects } = await insertTeam(h);
    const id = projects[0]!.id;
    const result = await recordTraffic(
      h.db,
      {
        events: [
          { project_id: id, bytes: 10 },
          { project_id: "prj_unknown", bytes: 10 },
          { project_id: id, bytes: 10, at: new Date(NOW.getTime() - 36 * 86_400_000).toISOString() },
          { project_id: id, bytes: 10, at: new Date(NOW.getTime() + 6 * 60_000).toISOString() },
          { project_id: id, bytes: 10, at: new Date(NOW.getTime() - 34 * 86_400_000).toISOString() },
        ],
      },
      { now: NOW },
    );
    expect(result.accepted).toBe(2);
    expect(result.rejected).toEqual([
      { index: 1, reason: "unknown_project" },
      { index: 2, reason: "too_old" },
      { index: 3, reason: "in_future" },
    ]);
    expect((await totals([id])).daily[id]).toBe(20n);
  });

  it("last_traffic_at only moves forward", async () => {
    const { projects } = await insertTeam(h);
    const id = projects[0]!.id;
    const late = new Date(NOW.getTime() - 60_000);
    await recordTraffic(h.db, { events: [{ project_id: id, bytes: 1, at: late.toISOString() }] }, { now: NOW });
    await recordTraffic(h.db, { events: [{ project_id: id, bytes: 1, at: new Date(NOW.getTime() - 86_400_000).toISOString() }] }, { now: NOW });
    const [row] = await h.db.select({ at: project.lastTrafficAt }).from(project).where(eq(project.id, id));
    expect(row!.at).toEqual(late);
  });

  it("malformed bodies are a 400 that says what is wrong", async () => {
    const cases: [unknown, RegExp][] = [
      [{}, /^events: /],
      [{ events: [] }, /^events: must hold at least 1 event/],
      [{ events: Array.from({ length: 10_001 }, () => ({ project_id: "prj_x", bytes: 1 })) }, /^events: must hold at most 10000 events/],
      [{ events: [{ project_id: "prj_x", bytes: -1 }] }, /^events\.0\.bytes: must not be negative/],
      [{ events: [{ project_id: "prj_x", bytes: 1.5 }] }, /^events\.0\.bytes: must be an integer/],
      [{ events: [{ project_id: "prj_x", bytes: 1, at: "yesterday" }] }, /^events\.0\.at: must be an ISO 8601 date-time/],
    ];
    for (const [body, message] of cases) {
      const parsed = ZTrafficBatchSchema.safeParse(body);
      expect(parsed.success).toBe(false);
      const answer = toRestError(parsed.error);
      expect(answer.status).toBe(400);
      expect(answer.body.error.message).toMatch(message);
    }
  });

  it("a date that does not exist is a 400 for the whole batch, and nothing counts (not 1 December for 31 November)", async () => {
    const { projects } = await insertTeam(h);
    const id = projects[0]!.id;
    const at = new Date(NOW.getTime() - 60_000).toISOString();
    for (const bad of ["2026-11-31T05:00:00Z", "2027-02-29T00:00:00Z", "2026-12-01T24:00:00Z", "2026-12-01T10:61:00Z", "2026-12-01T10:00:00+25:00"]) {
      const err = await recordTraffic(
        h.db,
        {
          events: [
            { project_id: id, bytes: 5, at },
            { project_id: id, bytes: 7, at: bad },
          ],
        },
        { now: NOW },
      ).catch((e: unknown) => e);
      expect(err, bad).toBeInstanceOf(DomainError);
      expect(toRestError(err)).toEqual({ status: 400, body: { error: { code: "invalid_request", message: `events.1.at: ${bad} is not a date that exists` } } });
    }
    expect((await totals([id])).daily[id]).toBeUndefined();
    // A leap day exists in 2028.
    const leap = await recordTraffic(h.db, { events: [{ project_id: id, bytes: 5, at: "2028-02-29T12:00:00Z" }] }, { now: new Date("2028-02-29T13:00:00Z") });
    expect(leap).toMatchObject({ accepted: 1, rejected: [] });
  });

  it("a sum past the bigint range is a 400 and counts nothing, in one batch or on top of a full counter", async () => {
    const { projects } = await insertTeam(h, { plan: "pay_as_you_go" });
    const id = projects[0]!.id;
    const huge = Array.from({ length: 1025 }, () => ({ project_id: id, bytes: Number.MAX_SAFE_INTEGER }));
    const inOne = await recordTraffic(h.db, { events: huge }, { now: NOW }).catch((e: unknown) => e);
    expect(toRestError(inOne)).toMatchObject({
      status: 400,
      body: { error: { code: "counter_overflow", message: expect.stringMatching(/^events: the traffic of project .* would pass the largest count/) } },
    });
    expect((await totals([id])).daily[id]).toBeUndefined();

    const near = huge.slice(0, 1023);
    await recordTraffic(h.db, { events: near }, { now: NOW });
    const before = await totals([id]);
    expect(before.daily[id]).toBe(BigInt(Number.MAX_SAFE_INTEGER) * 1023n);
    const onTop = await recordTraffic(h.db, { events: huge.slice(0, 2) }, { now: NOW }).catch((e: unknown) => e);
    expect(BigInt(Number.MAX_SAFE_INTEGER) * 1025n > MAX_COUNTER).toBe(true);
    expect(toRestError(onTop)).toMatchObject({ status: 400, body: { error: { code: "counter_overflow" } } });
    expect(await totals([id])).toEqual(before);
  });

  it("the same Idempotency-Key with another batch is a 422, and the second batch's bytes are not lost silently", async () => {
    const { projects } = await insertTeam(h);
    const id = projects[0]!.id;
    await recordTraffic(h.db, { events: [{ project_id: id, bytes: 100 }] }, { idempotencyKey: `reuse-${id}`, now: NOW });
    const err = await recordTraffic(h.db, { events: [{ project_id: id, bytes: 900 }] }, { idempotencyKey: `reuse-${id}`, now: NOW }).catch((e: unknown) => e);
    expect(toRestError(err)).toEqual({
      status: 422,
      body: { error: { code: "idempotency_key_reused", message: expect.stringMatching(/^Idempotency-Key: this key was used for another batch/) } },
    });
    expect((await totals([id])).daily[id]).toBe(100n);
    // The identical batch still replays the first answer.
    const same = await recordTraffic(h.db, { events: [{ project_id: id, bytes: 100 }] }, { idempotencyKey: `reuse-${id}`, now: NOW });
    expect(same).toMatchObject({ accepted: 1, replayed: true });
  });
});
