/** Live updates (spec 20): the event types `GET /api/events` streams, and who each may reach; shared by the services and the browser hook. */
export const LIVE_EVENT_TYPES = ["payment.updated", "plan.changed", "notification.created", "ticket.message", "ticket.status", "usage.level"] as const;
export type TLiveEventType = (typeof LIVE_EVENT_TYPES)[number];

/** `team`: the team's members (and staff); `staff`: support and admins only (internal notes); `user`: one user. */
export const LIVE_EVENT_AUDIENCES = ["team", "staff", "user"] as const;
export type TLiveEventAudience = (typeof LIVE_EVENT_AUDIENCES)[number];

/** How far back `Last-Event-ID` resumes; older events may be pruned. */
export const LIVE_EVENT_REPLAY_MS = 10 * 60_000;
/** A comment line this often keeps proxies from closing an idle stream; the caller's session or token is checked again each time. */
export const LIVE_HEARTBEAT_MS = 25_000;
/** The Postgres channel whose payload is a new event's id. */
export const LIVE_EVENT_CHANNEL = "servelink_events";
