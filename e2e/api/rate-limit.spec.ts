import { expect, test } from "@playwright/test";
import { ALICE } from "../fixtures/config";
import { ingestHeaders, tokenFor } from "../fixtures/tokens";

test("a token over its REST rate limit gets 429 with Retry-After; the ingest token is not limited", async ({ request }) => {
  test.setTimeout(120_000);
  const headers = { authorization: `Bearer ${await tokenFor(ALICE)}` };
  const limit = 600; // API_RATE_LIMIT_PER_MINUTE's default, which the e2e server keeps
  let first429: import("@playwright/test").APIResponse | null = null;
  for (let sent = 0; sent < limit + 5 && !first429; sent += 25) {
    const batch = await Promise.all(Array.from({ length: 25 }, () => request.get("/api/resources/acme/available", { headers })));
    first429 = batch.find((r) => r.status() === 429) ?? null;
    expect(batch.every((r) => r.status() === 200 || r.status() === 429)).toBe(true);
  }
  expect(first429, "a 429 after the limit").not.toBeNull();
  expect(Number(first429!.headers()["retry-after"])).toBeGreaterThan(0);
  expect((await first429!.json()).error).toMatchObject({ code: "rate_limited", message: expect.stringMatching(/^Too many requests: at most 600 a minute\. Try again in \d+ s\.$/) });

  const ingest = await Promise.all(Array.from({ length: 20 }, () => request.post("/api/usage/traffic", { headers: ingestHeaders, data: { events: [{ project_id: "prj_unknown", bytes: 1 }] } })));
  expect(ingest.every((r) => r.status() === 200)).toBe(true);
});
