import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertUser, openTestDb } from "../../../../test/db";
import type { DbHandle } from "@/server/db/client";
import { apiToken } from "@/server/db/schema";
import { DomainError } from "@/server/errors";
import { authenticateApiToken, createApiToken, hashToken, listApiTokens, MAX_LIVE_TOKENS, revokeApiToken } from "./api-tokens";

let h: DbHandle;
beforeAll(async () => {
  h = await openTestDb();
});
afterAll(async () => {
  await h.close();
});

describe("personal API tokens", () => {
  it("a created token authenticates its user, and only its hash is stored", async () => {
    const u = await insertUser(h, { name: "Token Owner" });
    const created = await createApiToken(h.db, { userId: u.id, name: "laptop" });
    expect(created.token).toMatch(/^pat_[A-Za-z0-9_-]{43}$/);
    expect(await authenticateApiToken(h.db, created.token)).toEqual({ id: u.id, email: u.email, name: "Token Owner", role: "user" });
    const [row] = await h.db.select().from(apiToken).where(eq(apiToken.id, created.id));
    expect(row!.tokenHash).toBe(hashToken(created.token));
    expect(JSON.stringify(row)).not.toContain(created.token);
    expect(row!.lastUsedAt).not.toBeNull();
    const listed = await listApiTokens(h.db, u.id);
    expect(listed).toEqual([expect.objectContaining({ id: created.id, name: "laptop", prefix: created.token.slice(0, 12), revokedAt: null })]);
    expect(JSON.stringify(listed)).not.toContain(created.token);
  });

  it("a revoked, unknown or malformed token authenticates nobody", async () => {
    const u = await insertUser(h);
    const created = await createApiToken(h.db, { userId: u.id, name: "ci" });
    await revokeApiToken(h.db, { userId: u.id, tokenId: created.id });
    expect(await authenticateApiToken(h.db, created.token)).toBeNull();
    expect(await authenticateApiToken(h.db, "pat_unknown")).toBeNull();
    expect(await authenticateApiToken(h.db, "not-a-token")).toBeNull();
  });

  it("nobody can revoke another user's token", async () => {
    const owner = await insertUser(h);
    const other = await insertUser(h);
    const created = await createApiToken(h.db, { userId: owner.id, name: "mine" });
    const err = await revokeApiToken(h.db, { userId: other.id, tokenId: created.id }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).code).toBe("NOT_FOUND");
    expect(await authenticateApiToken(h.db, created.token)).not.toBeNull();
  });

  it("a user holds at most 25 live tokens, even created all at once; revoking one makes room", async () => {
    const u = await insertUser(h);
    const results = await Promise.allSettled(Array.from({ length: MAX_LIVE_TOKENS + 5 }, (_, i) => createApiToken(h.db, { userId: u.id, name: `t${i}` })));
    const made = results.filter((r) => r.status === "fulfilled");
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(made).toHaveLength(MAX_LIVE_TOKENS);
    expect(refused).toHaveLength(5);
    for (const r of refused) {
      expect(r.reason).toBeInstanceOf(DomainError);
      expect(r.reason).toMatchObject({ code: "CONFLICT", reason: "token_limit", message: expect.stringMatching(/^You already have 25 live API tokens/) });
    }
    const first = (made[0] as PromiseFulfilledResult<{ id: string }>).value;
    await revokeApiToken(h.db, { userId: u.id, tokenId: first.id });
    await expect(createApiToken(h.db, { userId: u.id, name: "after revoking" })).resolves.toMatchObject({ name: "after revoking" });
  });
});
