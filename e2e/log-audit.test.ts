import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { LOG_WATCH } from "./fixtures/log-watch";
import { auditLogText, auditReport, type TLogWatch } from "./log-audit";

const watch: TLogWatch = {
  secrets: [{ name: "AUTH_SECRET", value: "e2e-secret-0123456789abcdefghijklmnopqrstuvwxyz" }],
  passwords: ["servelink-demo"],
  messageBodies: ["How do I point my own domain at the blog?"],
};

const line = (fields: Record<string, unknown>) =>
  JSON.stringify({ level: "info", time: "2026-12-01T21:00:00.000Z", service: "servelink-console", pid: 1, ...fields });

const clean = [
  line({ msg: "listening on http://127.0.0.1:3200 (0 trusted proxies)" }),
  line({ request_id: "3f2c1a9e-7b4d-4e1f-9a2b-0c8d7e6f5a4b", method: "GET", route: "/teams/[team]/usage", status: 200, duration_ms: 41.2, msg: "request" }),
  line({
    level: "error",
    request_id: "lb-0001-abcd",
    error: 'Error: failed query: insert into "api_token" ("id", "token_hash") values ($1, $2) (2 parameters not logged)',
    msg: "tRPC tokens.create failed",
  }),
  line({ msg: "token pat_AbCd1234 created" }),
  line({ msg: "Send the metrics token as 'Authorization: Bearer <METRICS_TOKEN>'." }),
  "",
].join("\n");

describe("the e2e log audit", () => {
  it("passes a clean log and counts its lines", () => {
    const result = auditLogText(clean, watch);
    expect(result).toEqual({ lines: 5, leaks: [] });
    expect(auditReport([result, { lines: 12_340, leaks: [] }])).toEqual({ ok: true, text: "log audit: 12,345 lines, 0 leaks" });
  });

  const planted: [string, string, string][] = [
    ["a configured secret", line({ msg: "auth", detail: "secret=e2e-secret-0123456789abcdefghijklmnopqrstuvwxyz" }), "secret AUTH_SECRET"],
    ["a configured secret, URL-encoded", line({ url: "/x?s=e2e-secret-0123456789abcdefghijklmnopqrstuvwxyz%21" }), "secret AUTH_SECRET"],
    ["a password", line({ body: '{"email":"a@b.c","password":"servelink-demo"}' }), "password"],
    ["a personal API token", line({ msg: "auth with pat_q3Vb8Jm1nXkT0pRz7YwLs2Hd9Fa6Gc4Eu5Ni_-oQAb" }), "API token"],
    ["a token's hash", line({ hash: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08" }), "64-hex hash"],
    ["a session cookie", line({ cookie_name: "__Secure-better-auth.session_token" }), "session cookie"],
    ["a cookie header", line({ headers: { cookie: "a=b" } }), "cookie header"],
    ["an Authorization header", line({ headers: { authorization: "Bearer e2e-metrics-token-0123456789" } }), "Authorization: Bearer"],
    ["a ticket's text", line({ error: "Failed query: insert ... params: How do I point my own domain at the blog?" }), "message body"],
    ["a line that is not JSON", "Error: boom\n    at foo (x.js:1:1)", "not a JSON line"],
  ];
  for (const [what, text, kind] of planted) {
    it(`catches ${what}, by line and kind, without printing it`, () => {
      const result = auditLogText(`${clean}${text}\n`, watch, "server.log");
      expect(result.leaks.map((l) => [l.line, l.kind])).toContainEqual([6, kind]);
      const report = auditReport([result]);
      expect(report.ok).toBe(false);
      expect(report.text).toContain(`server.log:6: ${kind}`);
      expect(report.text).toMatch(/log audit: \d+ lines, [1-9]\d* leaks?$/);
      for (const s of [
        "e2e-secret-0123456789abcdefghijklmnopqrstuvwxyz",
        "servelink-demo",
        "pat_q3Vb8Jm1nXkT0pRz7YwLs2Hd9Fa6Gc4Eu5Ni_-oQAb",
        "9f86d081884c7d659a2feaa0c55ad015",
      ]) {
        expect(report.text).not.toContain(s);
      }
      expect(report.text).not.toContain("How do I point my own domain");
    });
  }

  it("lets Next's startup banner through, and no other plain line", () => {
    expect(auditLogText("▲ Next.js 16.4.6\n   - Local: http://localhost:3000\n", watch).leaks).toEqual([]);
    expect(auditLogText("listening on 3000\n", watch).leaks.map((l) => l.kind)).toEqual(["not a JSON line"]);
    expect(auditLogText("[1,2]\n", watch).leaks.map((l) => l.kind)).toEqual(["not a JSON line"]);
  });

  it("watches message bodies that the specs really send", () => {
    const specs = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? specs(path.join(dir, e.name)) : e.name.endsWith(".spec.ts") ? [readFileSync(path.join(dir, e.name), "utf8")] : [],
      );
    const all = specs(path.join(import.meta.dirname)).join("\n");
    for (const body of LOG_WATCH.messageBodies) expect(all, body).toContain(body);
    expect(LOG_WATCH.secrets.every((s) => s.value.length >= 16)).toBe(true);
  });
});
