import type { Db } from "../db/client";
import type { TGlobalRole } from "../db/schema";

export interface TSessionUser {
  id: string;
  email: string;
  name: string;
  role: TGlobalRole;
}

export interface TContextInner {
  db: Db;
  user: TSessionUser | null;
  /** How the user was identified; `invalid_token` when a Bearer token was sent but is not valid. */
  auth: "session" | "token" | "none" | "invalid_token";
}

/** The context without HTTP: tests build it directly and call routers through `createCaller`. */
export function createContextInner(opts: { db: Db; user?: TSessionUser | null; auth?: TContextInner["auth"] }): TContextInner {
  return { db: opts.db, user: opts.user ?? null, auth: opts.auth ?? (opts.user ? "session" : "none") };
}
