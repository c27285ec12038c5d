import { describe, expect, it } from "vitest";
import { accessFields, accessRoute, requestIdFrom, routeMatcher } from "./access-log.mjs";

// The shape of Next's routes-manifest.json (static routes, then dynamic ones with their regexes).
const match = routeMatcher({
  staticRoutes: [
    { page: "/", regex: "^/(?:/)?$" },
    { page: "/support", regex: "^/support(?:/)?$" },
  ],
  dynamicRoutes: [
    { page: "/api/auth/[...all]", regex: "^/api/auth/(.+?)(?:/)?$" },
    { page: "/teams/[team]", regex: "^/teams/([^/]+?)(?:/)?$" },
    { page: "/teams/[team]/usage", regex: "^/teams/([^/]+?)/usage(?:/)?$" },
    { page: "/broken", regex: "([" },
  ],
});

describe("the access log", () => {
  it("keeps a sane x-request-id and makes one otherwise", () => {
    expect(requestIdFrom("3f2c1a9e-7b4d-4e1f-9a2b-0c8d7e6f5a4b")).toBe("3f2c1a9e-7b4d-4e1f-9a2b-0c8d7e6f5a4b");
    expect(requestIdFrom(["lb:0001.abc", "other"])).toBe("lb:0001.abc");
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    for (const bad of [undefined, "", "short", "x".repeat(101), "has space in it", 'quote"injection', "line\nbreak-0001"]) {
      expect(requestIdFrom(bad)).toMatch(uuid);
    }
    expect(requestIdFrom(undefined)).not.toBe(requestIdFrom(undefined));
  });

  it("names a page or route by its template, never the path's slugs, ids or query", () => {
    expect(accessRoute("/teams/acme/usage?range=30d", [], match)).toBe("/teams/[team]/usage");
    expect(accessRoute("/teams/acme", [], match)).toBe("/teams/[team]");
    expect(accessRoute("/support?_rsc=1x2y", [], match)).toBe("/support");
    expect(accessRoute("/api/auth/reset-password/AbCdEf0123456789GhIjKlMn?callbackURL=/x", [], match)).toBe("/api/auth/[...all]");
    expect(accessRoute("/_next/static/chunks/0a1b2c.js", [], match)).toBe("/_next/static/[...file]");
    expect(accessRoute("/_next/image?url=%2Fa.png&w=64", [], match)).toBe("/_next/image");
    expect(accessRoute("/no/such/page/pat_secret", [], match)).toBe("unmatched");
  });

  it("prefers the templates the app named while answering (a REST route, a tRPC batch)", () => {
    expect(accessRoute("/api/trpc/balance.get,usage.list?batch=1&input=%7B%7D", ["trpc:balance.get", "trpc:usage.list"], match)).toBe(
      "trpc:balance.get,trpc:usage.list",
    );
    expect(accessRoute("/api/billing/acme/balance", ["/api/billing/[team]/balance"], match)).toBe("/api/billing/[team]/balance");
  });

  it("gives the duration in milliseconds to a tenth, and says when the client went away", () => {
    expect(accessFields({ method: "GET", route: "/", status: 200, startedAt: 100, endedAt: 112.345, aborted: false })).toEqual({
      method: "GET",
      route: "/",
      status: 200,
      duration_ms: 12.3,
    });
    expect(accessFields({ method: undefined, route: "/", status: 200, startedAt: 0, endedAt: 1, aborted: true })).toMatchObject({ method: "?", aborted: true });
  });
});
