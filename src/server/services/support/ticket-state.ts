import type { TTicketStatus } from "@/lib/support";

export type TTicketEvent =
  { type: "support_reply" } | { type: "user_reply" } | { type: "internal_note" } | { type: "set_status"; status: TTicketStatus; by: "team" | "staff" };

export type TTicketMove =
  | { ok: true; status: TTicketStatus; setFirstResponse?: boolean; setResolvedAt?: boolean; setClosedAt?: boolean; clearResolvedAt?: boolean }
  | { ok: false; reason: string };

/**
 * The ticket status machine (spec 8), the only place it is written. A support reply moves open or
 * waiting to in_progress (and is the first response); a user reply moves in_progress or resolved
 * to waiting; resolving stamps resolved_at, closing closed_at; a closed ticket takes nothing more.
 * Team members may only resolve or close; staff may set any status but cannot reopen a closed one.
 */
export function moveTicket(current: TTicketStatus, event: TTicketEvent, hasFirstResponse: boolean): TTicketMove {
  if (current === "closed") {
    return { ok: false, reason: "This ticket is closed and takes no more messages or changes. Open a new ticket if you need more help." };
  }
  switch (event.type) {
    case "internal_note":
      return { ok: true, status: current };
    case "support_reply":
      return { ok: true, status: current === "open" || current === "waiting" ? "in_progress" : current, setFirstResponse: !hasFirstResponse };
    case "user_reply":
      return current === "in_progress" || current === "resolved"
        ? { ok: true, status: "waiting", clearResolvedAt: current === "resolved" }
        : { ok: true, status: current };
    case "set_status": {
      if (event.by === "team" && event.status !== "resolved" && event.status !== "closed") {
        return { ok: false, reason: "A team may only resolve or close its tickets." };
      }
      if (event.status === current) return { ok: true, status: current };
      return {
        ok: true,
        status: event.status,
        setResolvedAt: event.status === "resolved",
        setClosedAt: event.status === "closed",
        clearResolvedAt: event.status !== "resolved" && event.status !== "closed",
      };
    }
  }
}
