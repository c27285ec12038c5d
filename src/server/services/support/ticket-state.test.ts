import { describe, expect, it } from "vitest";
import { TICKET_STATUSES, type TTicketStatus } from "@/lib/support";
import { moveTicket, type TTicketEvent } from "./ticket-state";

const CLOSED = "This ticket is closed and takes no more messages or changes. Open a new ticket if you need more help.";

describe("the ticket status machine", () => {
  // [from, event, first response already?, answer]
  const table: [TTicketStatus, TTicketEvent, boolean, ReturnType<typeof moveTicket>][] = [
    ["open", { type: "support_reply" }, false, { ok: true, status: "in_progress", setFirstResponse: true }],
    ["waiting", { type: "support_reply" }, true, { ok: true, status: "in_progress", setFirstResponse: false }],
    ["in_progress", { type: "support_reply" }, true, { ok: true, status: "in_progress", setFirstResponse: false }],
    ["resolved", { type: "support_reply" }, true, { ok: true, status: "resolved", setFirstResponse: false }],
    ["in_progress", { type: "user_reply" }, true, { ok: true, status: "waiting", clearResolvedAt: false }],
    ["resolved", { type: "user_reply" }, true, { ok: true, status: "waiting", clearResolvedAt: true }],
    ["open", { type: "user_reply" }, false, { ok: true, status: "open" }],
    ["waiting", { type: "user_reply" }, true, { ok: true, status: "waiting" }],
    ["open", { type: "internal_note" }, false, { ok: true, status: "open" }],
    [
      "in_progress",
      { type: "set_status", status: "resolved", by: "team" },
      true,
      { ok: true, status: "resolved", setResolvedAt: true, setClosedAt: false, clearResolvedAt: false },
    ],
    [
      "open",
      { type: "set_status", status: "closed", by: "team" },
      false,
      { ok: true, status: "closed", setResolvedAt: false, setClosedAt: true, clearResolvedAt: false },
    ],
    ["open", { type: "set_status", status: "in_progress", by: "team" }, false, { ok: false, reason: "A team may only resolve or close its tickets." }],
    [
      "resolved",
      { type: "set_status", status: "open", by: "staff" },
      true,
      { ok: true, status: "open", setResolvedAt: false, setClosedAt: false, clearResolvedAt: true },
    ],
    ["waiting", { type: "set_status", status: "waiting", by: "staff" }, true, { ok: true, status: "waiting" }],
  ];
  it.each(table)("%s + %j (answered before: %s)", (from, event, answered, expected) => {
    expect(moveTicket(from, event, answered)).toEqual(expected);
  });

  it("a closed ticket refuses every event, with the same sentence", () => {
    const events: TTicketEvent[] = [
      { type: "support_reply" },
      { type: "user_reply" },
      { type: "internal_note" },
      ...TICKET_STATUSES.map((status) => ({ type: "set_status" as const, status, by: "staff" as const })),
    ];
    for (const e of events) expect(moveTicket("closed", e, true)).toEqual({ ok: false, reason: CLOSED });
  });
});
