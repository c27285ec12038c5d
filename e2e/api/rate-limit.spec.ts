import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { expect, test } from "@playwright/test";
import { E2E } from "../fixtures/config";
import { signUpOverHttp } from "../fixtures/auth";

import { ingestHeaders, tokenFor } from "../fixtures/tokens";

const run = promisify(execFile);

test("a user over the REST rate limit gets 429 with Retry-After, whichever token it uses; the ingest token is not limited", async ({ request }) => {
  test.setTimeout(120_000);
  // A user of its own: the budget is per user (spec 13), and the other tests' users keep theirs.
  const { email } = await signUpOverHttp(request, "ratelimit");
  const token = await tokenFor(email);
  const slug = `rate-${Date.now().toString(36)}`;
  const team = await request.post("/api/trpc/teams.create", { headers: { authorization: `Bearer ${token}` }, data: { json: { name: "Rate", slug } } });
  expect(team.status()).toBe(200);
  const limit = 600; // API_RATE_LIMIT_PER_MINUTE's default, which the e2e server keeps
  let first429: import("@playwright/test").APIResponse | null = null;
  for (let sent = 0; sent < limit + 5 && !first429; sent += 25) {
    const batch = await Promise.all(
      Array.from({ length: 25 }, () => request.get(`/api/resources/${slug}/available`, { headers: { authorization: `Bearer ${token}` } })),
    );
    first429 = batch.find((r) => r.status() === 429) ?? null;
    expect(batch.every((r) => r.status() === 200 || r.status() === 429)).toBe(true);
  }
  expect(first429, "a 429 after the limit").not.toBeNull();
  expect(Number(first429!.headers()["retry-after"])).toBeGreaterThan(0);
  expect((await first429!.json()).error).toMatchObject({
    code: "rate_limited",
    message: expect.stringMatching(/^Too many requests: at most 600 a minute\. Try again in \d+ s\.$/),
  });
  // A second token of the same user shares the budget: creating tokens does not multiply it.
  const second = await run("npx", ["tsx", "scripts/token.ts", email, "second"], { env: { ...process.env, DATABASE_URL: E2E.databaseUrl } });
  const other = second.stdout.trim().split("\n").at(-1)!.trim();
  expect(other).not.toBe(token);
  expect((await request.get(`/api/resources/${slug}/available`, { headers: { authorization: `Bearer ${other}` } })).status()).toBe(429);

  const ingest = await Promise.all(
    Array.from({ length: 20 }, () =>
      request.post("/api/usage/traffic", { headers: ingestHeaders, data: { events: [{ project_id: "prj_unknown", bytes: 1 }] } }),
    ),
  );
  expect(ingest.every((r) => r.status() === 200)).toBe(true);
});
