// Signing a request as the Inngest server signs its calls to /api/inngest (the SDK's own scheme:
// HMAC-SHA256 of the canonical body and a timestamp, keyed by INNGEST_SIGNING_KEY without its
// `signkey-<env>-` prefix), for tests that play that server's part (no Inngest server runs here):
// inngest/serve.int.test.ts and e2e/system/two-processes.spec.ts.
import { createHmac } from "node:crypto";

/** JSON with sorted keys (RFC 8785 for these values): the SDK signs and checks the canonical form of the body. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value);
}

/** The x-inngest-signature header of `body` (already canonical) at `at` (Unix seconds, now by default). */
export function inngestSignature(signingKey: string, body: string, at = Math.round(Date.now() / 1000)): string {
  const key = signingKey.replace(/^signkey-\w+-/, "");
  return `t=${at}&s=${createHmac("sha256", key)
    .update(body + String(at))
    .digest("hex")}`;
}
