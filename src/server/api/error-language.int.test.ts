import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertUser, openTestDb, testDatabaseUrl } from "../../../test/db";
import { insertTeam } from "../../../test/fixtures";
import type { DbHandle } from "@/server/db/client";
import { teamMember } from "@/server/db/schema";
import { setUserLocale } from "@/server/services/auth/user-locale";
import { createApiToken } from "@/server/services/tokens/api-tokens";

/*
 * Spec 14.6 for scripts: a Bearer call reads its message in the language of its Accept-Language,
 * then of the token owner's choice, then English; the error code never changes. Through the real
 * route handlers (REST and tRPC), on this file's database.
 */

let h: DbHandle;
let rest: { GET: (req: Request, route: { params: Promise<{ team: string }> }) => Promise<Response>; PATCH: typeof rest.GET };
let trpc: (req: Request) => Promise<Response>;

beforeAll(async () => {
  // The app's handlers open the database of DATABASE_URL, read when the environment module loads
  // (Vite sets BASE_URL to "/" for its own use: the console's is a URL).
  process.env.DATABASE_URL = await testDatabaseUrl();
  process.env.BASE_URL = "http://localhost:3000";
  h = await openTestDb(2);
  rest = (await import("@/app/api/billing/[team]/profile/route")) as unknown as typeof rest;
  trpc = (await import("@/app/api/trpc/[trpc]/route")).GET;
});
afterAll(async () => {
  const { getDbHandle } = await import("@/server/db-config");
  await (await getDbHandle()).close();
  await h.close();
});

async function call(method: "GET" | "PATCH", team: string, headers: Record<string, string>, body?: unknown) {
  const req = new Request(`http://localhost/api/billing/${team}/profile`, {
    method,
    headers: { ...headers, ...(body ? { "content-type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const res = await rest[method](req, { params: Promise.resolve({ team }) });
  return { status: res.status, body: (await res.json()) as unknown };
}

describe("a Bearer call's error messages", () => {
  it("Accept-Language: fr gets French with the same code; without it, English", async () => {
    const { token } = await createApiToken(h.db, { userId: (await insertUser(h)).id, name: "script" });
    const auth = { authorization: `Bearer ${token}` };
    expect(await call("GET", "nobody-team", { ...auth, "accept-language": "fr-FR,fr;q=0.9" })).toEqual({
      status: 404,
      body: { error: { code: "not_found", message: "Équipe introuvable." } },
    });
    expect(await call("GET", "nobody-team", auth)).toEqual({ status: 404, body: { error: { code: "not_found", message: "Team not found." } } });
  });

  it("a refusal by role, and a field refused, in French", async () => {
    const { team } = await insertTeam(h);
    const member = await insertUser(h);
    await h.db.insert(teamMember).values({ teamId: team.id, userId: member.id, role: "member" });
    const { token } = await createApiToken(h.db, { userId: member.id, name: "script" });
    const fr = { authorization: `Bearer ${token}`, "accept-language": "fr" };
    expect(await call("PATCH", team.slug, fr, { country: "CI" })).toEqual({
      status: 403,
      body: {
        error: { code: "insufficient_role", message: "Seuls les propriétaires et les administrateurs de l’équipe peuvent modifier le profil de facturation." },
      },
    });
    expect(await call("PATCH", team.slug, fr, { colour: "red" })).toEqual({
      status: 400,
      body: { error: { code: "invalid_request", message: "colour: n’est pas un champ de cette requête" } },
    });
  });

  it("Accept-Language first, then the token owner's choice", async () => {
    const user = await insertUser(h);
    await setUserLocale(h.db, user.id, "fr");
    const { token } = await createApiToken(h.db, { userId: user.id, name: "script" });
    const auth = { authorization: `Bearer ${token}` };
    expect((await call("GET", "nobody-team", auth)).body).toEqual({ error: { code: "not_found", message: "Équipe introuvable." } });
    expect((await call("GET", "nobody-team", { ...auth, "accept-language": "en-US" })).body).toEqual({
      error: { code: "not_found", message: "Team not found." },
    });
  });

  it("a bad token is refused in the language asked for, with its own code", async () => {
    expect(await call("GET", "any", { authorization: "Bearer pat_not-a-token", "accept-language": "fr" })).toEqual({
      status: 401,
      body: { error: { code: "invalid_token", message: "Le jeton d’API est invalide ou a été révoqué." } },
    });
  });

  it("over tRPC too: the same code and reason, the message in French", async () => {
    const { token } = await createApiToken(h.db, { userId: (await insertUser(h)).id, name: "script" });
    const input = encodeURIComponent(JSON.stringify({ json: { team: "nobody-team" } }));
    const get = async (headers: Record<string, string>) => {
      const res = await trpc(new Request(`http://localhost/api/trpc/teams.get?input=${input}`, { headers: { authorization: `Bearer ${token}`, ...headers } }));
      return {
        status: res.status,
        error: ((await res.json()) as { error: { json: { message: string; data: { code: string; reason?: string } } } }).error.json,
      };
    };
    const french = await get({ "accept-language": "fr" });
    expect(french.status).toBe(404);
    expect(french.error.message).toBe("Équipe introuvable.");
    expect(french.error.data).toMatchObject({ code: "NOT_FOUND", reason: "not_found" });
    const english = await get({});
    expect(english.error.message).toBe("Team not found.");
    expect(english.error.data).toMatchObject({ code: "NOT_FOUND", reason: "not_found" });
  });
});
