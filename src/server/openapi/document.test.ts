import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "./document";

const API = path.resolve(__dirname, "../../app/api");

/** Every route handler under src/app/api: its OpenAPI path and the methods it exports. */
function routeHandlers(): { path: string; methods: string[] }[] {
  const out: { path: string; methods: string[] }[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name === "route.ts") {
        const rel = path
          .relative(API, dir)
          .split(path.sep)
          .map((seg) => {
            const m = /^\[(?:\.\.\.)?(\w+)\]$/.exec(seg);
            return m ? `{${m[1] === "all" ? "path" : m[1] === "trpc" ? "procedure" : m[1] === "ref" ? "REF" : m[1]}}` : seg;
          });
        const text = readFileSync(full, "utf8");
        const exportLines = text.split("\n").filter((l) => l.startsWith("export"));
        const methods = exportLines.flatMap((l) => [...l.matchAll(/\b(GET|POST|PUT|DELETE|PATCH)\b/g)].map((m) => m[1]!.toLowerCase()));
        out.push({ path: `/api/${rel.join("/")}`.replace(/\/$/, ""), methods: [...new Set(methods)] });
      }
    }
  };
  walk(API);
  return out;
}

describe("the OpenAPI document", () => {
  const doc = buildOpenApiDocument("http://localhost:3000");

  it("describes every route handler under src/app/api, method by method", () => {
    const handlers = routeHandlers();
    expect(handlers.length).toBeGreaterThan(25);
    for (const h of handlers) {
      expect(h.methods.length, h.path).toBeGreaterThan(0);
      // [ref] is a team slug for initiate/history and a payment id for status/cancel.
      const candidates = h.path.includes("{REF}") ? [h.path.replace("{REF}", "{team}"), h.path.replace("{REF}", "{payment_id}")] : [h.path];
      const documented = candidates.find((c) => doc.paths[c]);
      expect(documented, `${h.path} has no operation`).toBeDefined();
      for (const m of h.methods) expect(doc.paths[documented!]![m], `${m.toUpperCase()} ${documented}`).toBeDefined();
    }
  });

  it("gives each operation a summary, its auth, and its error answers with examples", () => {
    for (const [p, ops] of Object.entries(doc.paths)) {
      for (const [m, op] of Object.entries(ops) as [
        string,
        { summary: string; security: unknown; responses: Record<string, { content?: Record<string, { example?: unknown }> }> },
      ][]) {
        expect(op.summary, `${m} ${p}`).toBeTruthy();
        expect(op.security, `${m} ${p}`).toBeDefined();
        for (const [status, r] of Object.entries(op.responses)) {
          if (Number(status) >= 400)
            expect(r.content!["application/json"]!.example, `${m} ${p} ${status}`).toMatchObject({
              error: { code: expect.any(String), message: expect.any(String) },
            });
        }
      }
    }
  });

  it("takes request bodies from the handlers' schemas", () => {
    const ingest = doc.paths["/api/usage/traffic"]!.post as {
      requestBody: { content: { "application/json": { schema: { properties: { events: { maxItems: number; minItems: number } } } } } };
    };
    expect(ingest.requestBody.content["application/json"].schema.properties.events).toMatchObject({ minItems: 1, maxItems: 10000 });
  });
});
