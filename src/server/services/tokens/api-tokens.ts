import { createHash, randomBytes } from "node:crypto";
import { and, count, desc, eq, isNull, lt, or } from "drizzle-orm";
import { newId } from "@/lib/ids";
import type { Db } from "@/server/db/client";
import { apiToken, user } from "@/server/db/schema";
import type { TGlobalRole } from "@/lib/roles";
import { DomainError, notFound } from "@/server/errors";
import { clock } from "@/lib/clock";

export const TOKEN_PREFIX = "pat_";

export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export interface TCreatedToken {
  id: string;
  name: string;
  prefix: string;
  /** The secret itself: returned once, never stored. */
  token: string;
  createdAt: Date;
}

/** Spec 13: live (unrevoked) tokens a user may hold; each shares the user's rate budget anyway. */
export const MAX_LIVE_TOKENS = 25;

/**
 * Creates a personal API token; only its sha256 is stored, so the secret cannot be shown again.
 * A user holds at most 25 live tokens (409 `token_limit`); concurrent creations are counted under
 * the user's row lock, so they cannot pass the cap together.
 */
export async function createApiToken(db: Db, input: { userId: string; name: string }): Promise<TCreatedToken> {
  const name = input.name.trim();
  if (name.length < 1 || name.length > 100) {
    throw new DomainError("BAD_REQUEST", "name: must be 1 to 100 characters");
  }
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  const row = {
    id: newId("tok"),
    userId: input.userId,
    name,
    tokenHash: hashToken(token),
    prefix: token.slice(0, 12),
    createdAt: clock.now(),
  };
  await db.transaction(async (tx) => {
    await tx.select({ id: user.id }).from(user).where(eq(user.id, input.userId)).for("update");
    const [{ live } = { live: 0 }] = await tx
      .select({ live: count() })
      .from(apiToken)
      .where(and(eq(apiToken.userId, input.userId), isNull(apiToken.revokedAt)));
    if (live >= MAX_LIVE_TOKENS) {
      throw new DomainError(
        "CONFLICT",
        `You already have ${MAX_LIVE_TOKENS} live API tokens, the most one account may hold. Revoke one you no longer use, then create this one.`,
        {
          reason: "token_limit",
        },
      );
    }
    await tx.insert(apiToken).values(row);
  });
  return { id: row.id, name, prefix: row.prefix, token, createdAt: row.createdAt };
}

/** The user's tokens, newest first, without any secret material. */
export async function listApiTokens(db: Db, userId: string) {
  return db
    .select({
      id: apiToken.id,
      name: apiToken.name,
      prefix: apiToken.prefix,
      createdAt: apiToken.createdAt,
      lastUsedAt: apiToken.lastUsedAt,
      revokedAt: apiToken.revokedAt,
    })
    .from(apiToken)
    .where(eq(apiToken.userId, userId))
    .orderBy(desc(apiToken.createdAt));
}

/** Revokes one of the user's own tokens; revoking twice is harmless; another user's token is NOT_FOUND. */
export async function revokeApiToken(db: Db, input: { userId: string; tokenId: string }): Promise<void> {
  const rows = await db
    .update(apiToken)
    .set({ revokedAt: clock.now() })
    .where(and(eq(apiToken.id, input.tokenId), eq(apiToken.userId, input.userId)))
    .returning({ id: apiToken.id, revokedAt: apiToken.revokedAt });
  if (rows.length === 0) throw notFound("API token");
}

export interface TTokenUser {
  id: string;
  email: string;
  name: string;
  role: TGlobalRole;
}

const LAST_USED_RESOLUTION_MS = 60_000;

/** The user a Bearer token belongs to, or null for an unknown, malformed or revoked token. */
export async function authenticateApiToken(db: Db, token: string): Promise<TTokenUser | null> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return null;
  const tokenHash = hashToken(token);
  const [row] = await db
    .select({ id: user.id, email: user.email, name: user.name, role: user.role, tokenId: apiToken.id, lastUsedAt: apiToken.lastUsedAt })
    .from(apiToken)
    .innerJoin(user, eq(user.id, apiToken.userId))
    .where(and(eq(apiToken.tokenHash, tokenHash), isNull(apiToken.revokedAt)))
    .limit(1);
  if (!row) return null;
  const now = clock.now();
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    // Recorded at a one-minute resolution so a busy script does not write on every call.
    await db
      .update(apiToken)
      .set({ lastUsedAt: now })
      .where(and(eq(apiToken.id, row.tokenId), or(isNull(apiToken.lastUsedAt), lt(apiToken.lastUsedAt, new Date(now.getTime() - LAST_USED_RESOLUTION_MS)))));
  }
  return { id: row.id, email: row.email, name: row.name, role: row.role };
}
