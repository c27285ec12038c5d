// GET /api/events – the caller's live updates as Server-Sent Events (spec 20); session cookie or Bearer token
import { withApiAuth } from "@/server/api/rest";
import { resolveCaller } from "@/server/api/request-auth";
import { getLiveHub } from "@/server/live-config";
import { openLiveEventStream } from "@/server/services/events/stream";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** `Last-Event-ID` (sent by a browser that reconnects) or `?last_event_id=`: a non-negative integer, else none. */
function lastEventIdOf(req: Request): number | null {
  const raw = req.headers.get("last-event-id") ?? new URL(req.url).searchParams.get("last_event_id");
  if (raw === null || !/^\d{1,15}$/.test(raw.trim())) return null;
  return Number(raw.trim());
}

export const GET = withApiAuth(async (req, ctx) => {
  const hub = await getLiveHub();
  const stream = openLiveEventStream({
    db: ctx.db,
    hub,
    userId: ctx.user.id,
    lastEventId: lastEventIdOf(req),
    // Signed out, session expired, token revoked, or the account now another: the stream ends.
    isStillValid: async () => (await resolveCaller(ctx.db, req.headers)).user?.id === ctx.user.id,
  });
  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      // no-transform: no compression (Next's, or a proxy's) holds the events back.
      "cache-control": "no-cache, no-transform",
      "x-accel-buffering": "no",
    },
  });
});
