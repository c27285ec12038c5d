import { expect, test } from "@playwright/test";
import { ALICE, BOB } from "../fixtures/config";
import { ingestHeaders, tokenFor } from "../fixtures/tokens";

type Summary = {
  team: { slug: string; plan: string };
  period: { month: string };
  limits: { traffic_gb: number; storage_mb: number };
  totals: { traffic: { bytes: number; percent: number; level: string } };
  projects: { id: string; slug: string; traffic: { bytes: number } }[];
};

test.describe.configure({ mode: "serial" });

test.describe("usage over HTTP", () => {
  let bob: string;
  let alice: string;
  test.beforeAll(async () => {
    [bob, alice] = await Promise.all([tokenFor(BOB), tokenFor(ALICE)]);
  });

  const summaryOf = async (request: import("@playwright/test").APIRequestContext, team: string, token: string) => {
    const res = await request.get(`/api/usage/${team}/summary`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status()).toBe(200);
    return (await res.json()) as Summary;
  };

  test("the summary of one's own team, by slug or id; 404 for another team; 401 without a token", async ({ request }) => {
    const s = await summaryOf(request, "hobby", bob);
    // Bob may have upgraded hobby by now (billing tests run alongside): limits follow the plan.
    expect(s.team.slug).toBe("hobby");
    expect(s.limits).toMatchObject(s.team.plan === "free" ? { traffic_gb: 5, storage_mb: 100 } : { traffic_gb: 10, storage_mb: 10240 });
    expect(s.projects.map((p) => p.slug)).toEqual(["blog", "portfolio"]);
    // The demo's traffic of this month so far (a few hours' worth on the 1st), as a share of the limit.
    const bytes = s.projects.reduce((sum, p) => sum + p.traffic.bytes, 0);
    expect(bytes).toBe(s.totals.traffic.bytes);
    expect(s.totals.traffic.percent).toBeCloseTo((100 * bytes) / (s.limits.traffic_gb * 1024 ** 3), 1);
    const teamId = (await (await request.get(`/api/usage/hobby/summary`, { headers: { authorization: `Bearer ${bob}` } })).json()).team.id;
    expect((await summaryOf(request, teamId, bob)).team.slug).toBe("hobby");

    const other = await request.get("/api/usage/hobby/summary", { headers: { authorization: `Bearer ${alice}` } });
    expect(other.status()).toBe(404);
    expect(await other.json()).toEqual({ error: { code: "not_found", message: "Team not found." } });
    const none = await request.get("/api/usage/hobby/summary");
    expect(none.status()).toBe(401);
    expect((await none.json()).error.code).toBe("unauthenticated");
    const bad = await request.get("/api/usage/hobby/summary", { headers: { authorization: "Bearer pat_wrong" } });
    expect(bad.status()).toBe(401);
  });

  test("ingest: 401 without the ingest token, 400 naming the field for a bad body (nothing counted), then counted once per Idempotency-Key", async ({
    request,
  }) => {
    // Portfolio only: other tests add traffic to hobby's blog at the same time.
    const before = await summaryOf(request, "hobby", bob);
    const blog = before.projects.find((p) => p.slug === "portfolio")!;
    const bytesOf = (s: Summary) => s.projects.find((p) => p.slug === "portfolio")!.traffic.bytes;

    const noToken = await request.post("/api/usage/traffic", { data: { events: [{ project_id: blog.id, bytes: 1 }] } });
    expect(noToken.status()).toBe(401);
    const userToken = await request.post("/api/usage/traffic", {
      headers: { ...ingestHeaders, authorization: `Bearer ${bob}` },
      data: { events: [{ project_id: blog.id, bytes: 1 }] },
    });
    expect(userToken.status()).toBe(401);

    const bad = await request.post("/api/usage/traffic", {
      headers: ingestHeaders,
      data: {
        events: [
          { project_id: blog.id, bytes: 1000 },
          { project_id: blog.id, bytes: -5 },
        ],
      },
    });
    expect(bad.status()).toBe(400);
    expect(await bad.json()).toEqual({ error: { code: "invalid_request", message: expect.stringMatching(/^events\.1\.bytes: must not be negative/) } });
    const notJson = await request.post("/api/usage/traffic", { headers: ingestHeaders, data: "{not json" });
    expect(notJson.status()).toBe(400);
    expect(bytesOf(await summaryOf(request, "hobby", bob))).toBe(bytesOf(before));

    const body = {
      events: [
        { project_id: blog.id, bytes: 123_456 },
        { project_id: "prj_does_not_exist", bytes: 1 },
      ],
    };
    const key = `e2e-${Date.now()}`;
    const first = await request.post("/api/usage/traffic", { headers: { ...ingestHeaders, "idempotency-key": key }, data: body });
    expect(first.status()).toBe(200);
    expect(await first.json()).toEqual({ accepted: 1, rejected: [{ index: 1, reason: "unknown_project" }] });
    const replay = await request.post("/api/usage/traffic", { headers: { ...ingestHeaders, "idempotency-key": key }, data: body });
    expect(replay.status()).toBe(200);
    expect(replay.headers()["idempotent-replayed"]).toBe("true");
    expect(await replay.json()).toEqual({ accepted: 1, rejected: [{ index: 1, reason: "unknown_project" }] });

    const after = await summaryOf(request, "hobby", bob);
    expect(bytesOf(after)).toBe(bytesOf(before) + 123_456);
  });

  test("the CSV export has the month's rows and needs membership", async ({ request }) => {
    const s = await summaryOf(request, "acme", alice);
    const res = await request.get(`/api/usage/acme/export?month=${s.period.month}`, { headers: { authorization: `Bearer ${alice}` } });
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toContain("text/csv");
    const lines = (await res.text()).trim().split("\n");
    expect(lines[0]).toBe("day,project_id,project_slug,project_name,traffic_bytes,requests,storage_bytes");
    const traffic = lines.slice(1).reduce((sum, l) => sum + Number(l.split(",")[4]), 0);
    expect(traffic).toBe(s.totals.traffic.bytes);
    const forbidden = await request.get(`/api/usage/acme/export?month=${s.period.month}`, { headers: { authorization: `Bearer ${bob}` } });
    expect(forbidden.status()).toBe(404);
  });
});
