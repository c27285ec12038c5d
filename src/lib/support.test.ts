import { describe, expect, it } from "vitest";
import { SLA_HOURS, effectivePriority, slaFor, type TTicketPriority } from "./support";

const created = new Date("2026-12-31T23:30:00Z");
const at = (minutes: number) => new Date(created.getTime() + minutes * 60_000);

describe("first-response targets", () => {
  it("are 1 h urgent, 4 h high, 24 h normal, 72 h low", () => {
    expect(SLA_HOURS).toEqual({ urgent: 1, high: 4, normal: 24, low: 72 });
  });

  // [priority, now (minutes after creation), first response (minutes after, or null), state, minutes left]
  const table: [TTicketPriority, number, number | null, "pending" | "met" | "breached", number | null][] = [
    ["urgent", 30, null, "pending", 30],
    ["urgent", 60, null, "pending", 0],
    ["urgent", 61, null, "breached", -1],
    ["urgent", 200, 59, "met", null],
    ["urgent", 200, 61, "breached", null],
    ["high", 239, null, "pending", 1],
    ["normal", 24 * 60 + 5, null, "breached", -5],
    ["low", 72 * 60, 72 * 60, "met", null],
  ];
  it.each(table)("%s, %i min in, answered at %s: %s (%s min left)", (priority, now, answered, state, left) => {
    const sla = slaFor({ priority, createdAt: created, firstResponseAt: answered === null ? null : at(answered) }, at(now));
    expect(sla).toEqual({ target_hours: SLA_HOURS[priority], due_at: at(SLA_HOURS[priority] * 60), state, minutes_left: left });
  });

  it("a Pro team's ticket is at least high; urgent stays urgent", () => {
    expect((["low", "normal", "high", "urgent"] as const).map((p) => effectivePriority(p, true))).toEqual(["high", "high", "high", "urgent"]);
    expect((["low", "normal", "high", "urgent"] as const).map((p) => effectivePriority(p, false))).toEqual(["low", "normal", "high", "urgent"]);
  });
});
