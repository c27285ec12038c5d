// The rules of the console's own HTTP entry (server.mjs, spec 13), in plain JavaScript so that
// `npm start` needs no TypeScript runner. Pure functions: tested by entry-rules.test.ts.
import { LOG_LEVELS } from "../logging.mjs";

/**
 * The client's address as the console should see it. With no trusted proxy (hops 0) it is the
 * socket's peer, whatever the client wrote in `X-Forwarded-For`; behind `hops` trusted proxies it is
 * the address the outermost of them appended (the `hops`-th entry from the right). A list shorter
 * than the hops did not come through every proxy: the socket's peer is used then.
 * @param {string | undefined} socketAddress
 * @param {string | string[] | undefined} forwardedFor
 * @param {number} hops
 * @returns {string}
 */
export function clientAddress(socketAddress, forwardedFor, hops) {
  const peer = normaliseAddress(socketAddress ?? "") || "unknown";
  if (!hops) return peer;
  const raw = Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? "");
  const entries = raw
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean);
  if (entries.length < hops) return peer;
  return normaliseAddress(entries[entries.length - hops]) || peer;
}

/** `::ffff:127.0.0.1` is 127.0.0.1; anything that is not an address (a client's junk) is dropped. */
function normaliseAddress(value) {
  const v = value.trim().replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, "$1");
  return /^[0-9a-f:.]{2,45}$/i.test(v) ? v : "";
}

/**
 * What stops the console from starting, as sentences for the operator (empty: it may start).
 * @param {Record<string, string | undefined>} env
 * @returns {string[]}
 */
export function startupRefusals(env) {
  const refusals = [];
  const level = env.LOG_LEVEL?.trim().toLowerCase();
  if (level && !LOG_LEVELS.includes(level)) {
    refusals.push(`LOG_LEVEL=${env.LOG_LEVEL} is not a level: use one of ${LOG_LEVELS.join(", ")} (info when unset).`);
  }
  const hops = env.TRUSTED_PROXY_HOPS;
  if (hops !== undefined && hops !== "" && !/^\d{1,2}$/.test(hops)) {
    refusals.push(`TRUSTED_PROXY_HOPS=${hops} must be a whole number of proxies in front of the console (0 when clients connect directly).`);
  }
  if (env.NODE_ENV === "production") {
    if (env.INNGEST_DEV !== undefined) {
      refusals.push(
        "INNGEST_DEV is set in production: in dev mode the Inngest SDK runs any job for anyone who asks, unsigned. Unset it; a self-hosted `inngest start` is used in cloud mode with INNGEST_BASE_URL, INNGEST_SIGNING_KEY and INNGEST_EVENT_KEY.",
      );
    }
    if (env.SERVELINK_FAKE_NOW && env.SERVELINK_TEST_CLOCK !== "1") {
      refusals.push(
        "SERVELINK_FAKE_NOW is set in production: a live console cannot run on a made-up date. Unset it (tests of the production build also set SERVELINK_TEST_CLOCK=1).",
      );
    }
    if (!env.AUTH_SECRET || env.AUTH_SECRET.length < 32) {
      refusals.push(
        "AUTH_SECRET is not set (or shorter than 32 characters): a production server needs a random secret to sign sessions, e.g. `openssl rand -base64 48`.",
      );
    }
  }
  return refusals;
}

/**
 * The number of trusted proxies from the environment (default 0: clients connect directly).
 * @param {Record<string, string | undefined>} env
 */
export function trustedProxyHops(env) {
  const n = Number(env.TRUSTED_PROXY_HOPS ?? "0");
  return Number.isInteger(n) && n >= 0 ? n : 0;
}
