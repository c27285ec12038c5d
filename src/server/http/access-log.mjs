// The access log of the console's HTTP entry (server.mjs, spec 17): one JSON line per request with
// its id, method, route template, status and duration. Pure functions, tested by access-log.test.ts.
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";

const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{8,100}$/;

/**
 * The request's id: the client's (or a proxy's) `x-request-id` when it is sane (8 to 100 letters,
 * digits and `._:-`), a new UUID otherwise.
 * @param {string | string[] | undefined} header
 * @returns {string}
 */
export function requestIdFrom(header) {
  const given = Array.isArray(header) ? header[0] : header;
  return given && SANE_REQUEST_ID.test(given) ? given : randomUUID();
}

/**
 * @typedef {{ page: string, regex: string }} TManifestRoute
 * @typedef {(pathname: string) => string | null} TRouteMatcher
 */

/**
 * A matcher from a path to the template of the page or route that serves it
 * (`/teams/acme/usage` → `/teams/[slug]/usage`), from the build's routes manifest; static routes
 * first, then dynamic ones in the manifest's order (Next's own precedence).
 * @param {{ staticRoutes?: TManifestRoute[], dynamicRoutes?: TManifestRoute[] }} manifest
 * @returns {TRouteMatcher}
 */
export function routeMatcher(manifest) {
  const routes = [...(manifest.staticRoutes ?? []), ...(manifest.dynamicRoutes ?? [])].flatMap((r) => {
    try {
      return [{ page: r.page, regex: new RegExp(r.regex) }];
    } catch {
      return [];
    }
  });
  return (pathname) => routes.find((r) => r.regex.test(pathname))?.page ?? null;
}

/**
 * The matcher of the build in `distDir` (its routes-manifest.json); without one, every page is `unmatched`.
 * @param {string} distDir
 * @returns {TRouteMatcher}
 */
export function loadRouteMatcher(distDir) {
  try {
    return routeMatcher(JSON.parse(readFileSync(path.join(distDir, "routes-manifest.json"), "utf8")));
  } catch {
    return () => null;
  }
}

/**
 * The route of an access line: the templates the app named while answering (a REST route's, the
 * tRPC procedures `trpc:<path>` of a batch), else the build's template of the path, else a fixed
 * word. Never a raw path or a query: a path can hold a slug, an id or a reset link's token.
 * @param {string | undefined} url the request's URL as received (path and query)
 * @param {string[]} named
 * @param {TRouteMatcher} match
 * @returns {string}
 */
export function accessRoute(url, named, match) {
  if (named.length > 0) return named.join(",");
  let pathname;
  try {
    pathname = new URL(url ?? "/", "http://x").pathname;
  } catch {
    return "unmatched";
  }
  if (pathname.startsWith("/_next/static/")) return "/_next/static/[...file]";
  if (pathname.startsWith("/_next/"))
    return pathname
      .split("/")
      .slice(0, 3)
      .join("/")
      .replace(/[^A-Za-z0-9/_-]/g, "_");
  return match(pathname) ?? "unmatched";
}

/**
 * The access line's fields (the logger adds level, time and the request's id).
 * @param {{ method: string | undefined, route: string, status: number, startedAt: number, endedAt: number, aborted: boolean }} r
 */
export function accessFields(r) {
  return {
    method: r.method ?? "?",
    route: r.route,
    status: r.status,
    duration_ms: Math.round((r.endedAt - r.startedAt) * 10) / 10,
    ...(r.aborted ? { aborted: true } : {}),
  };
}
