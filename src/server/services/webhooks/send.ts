import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { WEBHOOK_RESPONSE_KEEP_BYTES, WEBHOOK_TIMEOUT_MS } from "@/lib/webhooks";
import type { TCheckedTarget } from "./url-guard";

export interface TSendResult {
  statusCode: number | null;
  /** The first kB of the answer (UTF-8, cut at a character). */
  body: string | null;
  error: string | null;
  durationMs: number;
}

/**
 * POSTs `body` to the checked target. The connection goes to `target.address` whatever the name
 * resolves to now (a `lookup` that answers only it), while the Host header and TLS (SNI and the
 * certificate check) keep the URL's name. No redirect is followed; `timeoutMs` bounds the whole
 * exchange.
 */
export function sendWebhook(target: TCheckedTarget, headers: Record<string, string>, body: string, timeoutMs = WEBHOOK_TIMEOUT_MS): Promise<TSendResult> {
  const started = performance.now();
  const pinned: LookupFunction = (_hostname, options, callback) => {
    if (options.all)
      (callback as (err: null, addresses: { address: string; family: number }[]) => void)(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  };
  const mod = target.url.protocol === "https:" ? https : http;
  return new Promise<TSendResult>((resolve) => {
    let settled = false;
    const done = (r: Omit<TSendResult, "durationMs">) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...r, durationMs: Math.round(performance.now() - started) });
    };
    const req = mod.request(
      target.url,
      {
        method: "POST",
        lookup: pinned,
        headers: { "content-type": "application/json", "user-agent": "Servelink-Webhooks/1", "content-length": String(Buffer.byteLength(body)), ...headers },
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let kept = 0;
        res.on("data", (chunk: Buffer) => {
          if (kept < WEBHOOK_RESPONSE_KEEP_BYTES) {
            chunks.push(chunk);
            kept += chunk.length;
          }
        });
        res.on("end", () => done({ statusCode: res.statusCode ?? null, body: firstBytes(Buffer.concat(chunks)), error: null }));
        res.on("error", (err) => done({ statusCode: res.statusCode ?? null, body: firstBytes(Buffer.concat(chunks)), error: err.message }));
      },
    );
    const timer = setTimeout(() => {
      done({ statusCode: null, body: null, error: `no answer within ${Math.round(timeoutMs / 1000)} s` });
      req.destroy();
    }, timeoutMs);
    req.on("error", (err) => done({ statusCode: null, body: null, error: err.message }));
    req.end(body);
  });
}

function firstBytes(buf: Buffer): string {
  const cut = buf.subarray(0, WEBHOOK_RESPONSE_KEEP_BYTES).toString("utf8");
  return cut.endsWith("\uFFFD") && buf.length > WEBHOOK_RESPONSE_KEEP_BYTES ? cut.slice(0, -1) : cut;
}
