import { describe, expect, it } from "vitest";
import { canReceiveLiveEvent, formatLiveEvent, type TLiveAccess, type TLiveEvent } from "./live-events";

const event = (over: Partial<TLiveEvent>): TLiveEvent => ({
  id: 7,
  teamId: "team_acme",
  audience: "team",
  userId: null,
  type: "payment.updated",
  data: {},
  ...over,
});
const member: TLiveAccess = { isStaff: false, teamIds: new Set(["team_acme"]) };
const outsider: TLiveAccess = { isStaff: false, teamIds: new Set(["team_hobby"]) };
const staff: TLiveAccess = { isStaff: true, teamIds: new Set() };

describe("canReceiveLiveEvent", () => {
  it("a team's event reaches its members and staff, never another team's member", () => {
    expect(canReceiveLiveEvent(event({}), "usr_alice", member)).toBe(true);
    expect(canReceiveLiveEvent(event({}), "usr_carol", staff)).toBe(true);
    expect(canReceiveLiveEvent(event({}), "usr_bob", outsider)).toBe(false);
  });

  it("an internal note (staff audience) reaches staff only, even the team's own members never", () => {
    const note = event({ audience: "staff", type: "ticket.message", data: { internal: true } });
    expect(canReceiveLiveEvent(note, "usr_carol", staff)).toBe(true);
    expect(canReceiveLiveEvent(note, "usr_alice", member)).toBe(false);
  });

  it("a user's own notice reaches that user while a member, not the rest of the team nor staff", () => {
    const own = event({ audience: "user", userId: "usr_dave", type: "notification.created" });
    expect(canReceiveLiveEvent(own, "usr_dave", member)).toBe(true);
    expect(canReceiveLiveEvent(own, "usr_alice", member)).toBe(false);
    expect(canReceiveLiveEvent(own, "usr_carol", staff)).toBe(false);
    expect(canReceiveLiveEvent(own, "usr_dave", outsider)).toBe(false);
  });

  it("a reader who no longer exists receives nothing", () => {
    expect(canReceiveLiveEvent(event({}), "usr_gone", undefined)).toBe(false);
  });
});

describe("formatLiveEvent", () => {
  it("writes the id, the type as the event's name and the data with the team on one line", () => {
    const text = formatLiveEvent(event({ data: { id: "pay_1", status: "completed", reason: "line\nbreak" } }));
    expect(text).toBe('id: 7\nevent: payment.updated\ndata: {"id":"pay_1","status":"completed","reason":"line\\nbreak","team_id":"team_acme"}\n\n');
  });
});
