import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BALANCE_ENTRY_KINDS } from "@/lib/balance";
import { DOCUMENT_KINDS, DOCUMENT_LANGUAGES } from "@/lib/documents";
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
            // [file] is `{number}.pdf`: the document says so, as the spec writes the path.
            if (m?.[1] === "file") return "{number}.pdf";
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
  describe("the prepaid balance (spec 15)", () => {
    type TSchema = { properties: Record<string, TSchema>; items: TSchema; enum?: string[]; required?: string[]; anyOf?: TSchema[] };
    type TOp = {
      parameters?: { name: string; in: string; required: boolean; schema: { type: string; minimum?: number; maximum?: number; default?: number } }[];
      requestBody?: { content: { "application/json": { schema: TSchema } } };
      responses: Record<string, { description: string; content?: { "application/json": { schema: TSchema; example?: { error: Record<string, unknown> } } } }>;
    };
    const op = (path: string, method: string) => doc.paths[path]![method] as TOp;
    const ok = (o: TOp) => o.responses["200"]!.content!["application/json"].schema;
    const example = (o: TOp, status: number) => o.responses[String(status)]!.content!["application/json"].example!.error;

    it("GET /api/billing/{team}/balance answers the spec's fields, entries of the ledger's kinds, and pages with limit and before", () => {
      const get = op("/api/billing/{team}/balance", "get");
      expect(get.parameters!.filter((p) => p.in === "query")).toEqual([
        { name: "limit", in: "query", required: false, schema: expect.objectContaining({ type: "integer", minimum: 1, maximum: 100, default: 20 }) },
        { name: "before", in: "query", required: false, schema: expect.objectContaining({ type: "integer" }) },
      ]);
      const body = ok(get);
      expect(body.required).toEqual(expect.arrayContaining(["currency", "balance", "entries", "next_before"]));
      const entry = body.properties.entries!.items;
      expect(entry.required).toEqual(expect.arrayContaining(["id", "kind", "amount", "balance_after", "created_at", "note"]));
      expect(entry.properties.kind!.enum).toEqual([...BALANCE_ENTRY_KINDS]);
      expect(Object.keys(get.responses)).toEqual(["200", "400", "401", "404", "429"]);
      expect(example(get, 400)).toEqual({ code: "invalid_request", message: "limit: must be at most 100" });
    });

    it("POST /api/billing/{team}/auto-renew takes { item, enabled } and documents the role, 404 and Stripe refusals", () => {
      const post = op("/api/billing/{team}/auto-renew", "post");
      const body = post.requestBody!.content["application/json"].schema;
      expect(Object.keys(body.properties)).toEqual(["item", "enabled"]);
      expect(body.required).toEqual(["item", "enabled"]);
      expect(ok(post).required).toEqual(expect.arrayContaining(["currency", "balance", "renewals"]));
      expect(example(post, 403)).toMatchObject({ code: "insufficient_role" });
      expect(example(post, 404)).toMatchObject({ code: "not_found" });
      expect(example(post, 409)).toMatchObject({ code: "stripe_subscription_active" });
    });

    it("initiate takes purpose top_up and payment_method balance, and its 409 is balance_too_low with the shortfall", () => {
      const initiate = op("/api/payments/{team}/initiate", "post");
      const body = initiate.requestBody!.content["application/json"].schema;
      expect(body.properties.purpose!.enum).toEqual(["plan_upgrade", "top_up"]);
      expect(body.properties.payment_method!.enum).toContain("balance");
      expect(example(initiate, 409)).toMatchObject({
        code: "balance_too_low",
        shortfall: 1940,
        shortfall_minor: 1940,
        currency: "XOF",
        message: expect.stringContaining("1940 XOF more is needed"),
      });
      expect(example(initiate, 400)).toMatchObject({ code: "top_up_out_of_bounds", min: 3, max: 300, step: 0.01 });
      // The Error schema documents the figures a client may read beside the message.
      const error = (doc.components.schemas.Error as TSchema).properties.error!;
      expect(Object.keys(error.properties)).toEqual(expect.arrayContaining(["code", "message", "shortfall", "shortfall_minor", "currency"]));
    });

    it("an add-on is bought from the balance too, and a payment may be a top-up paid from the balance", () => {
      const purchase = op("/api/resources/{team}/purchase", "post");
      expect(purchase.requestBody!.content["application/json"].schema.properties.payment_method!.enum).toContain("balance");
      expect(example(purchase, 409)).toMatchObject({ code: "balance_too_low", shortfall: 340, currency: "XOF" });
      const history = ok(op("/api/payments/{team}/history", "get")).properties.payments!.items;
      expect(history.properties.provider!.enum).toContain("balance");
      expect(history.properties.purpose!.enum).toContain("top_up");
      expect(history.properties.payment_method!.enum).toContain("balance");
    });
  });

  describe("receipts and monthly statements (spec 16)", () => {
    type TSchema = { type?: string; format?: string; properties: Record<string, TSchema>; items: TSchema; enum?: string[]; required?: string[] };
    type TOp = {
      parameters?: { name: string; in: string; required: boolean }[];
      requestBody?: { content: { "application/json": { schema: TSchema } } };
      responses: Record<
        string,
        { description: string; headers?: Record<string, unknown>; content?: Record<string, { schema: TSchema; example?: { error: Record<string, unknown> } }> }
      >;
    };
    const op = (path: string, method: string) => doc.paths[path]![method] as TOp;

    it("GET /api/billing/{team}/documents lists receipts and statements with the spec's fields", () => {
      const list = op("/api/billing/{team}/documents", "get");
      expect(Object.keys(list.responses)).toEqual(["200", "401", "404", "429"]);
      const item = list.responses["200"]!.content!["application/json"]!.schema.properties.documents!.items;
      expect(item.required).toEqual(
        expect.arrayContaining(["number", "kind", "issued_at", "amount", "amount_minor", "currency", "payment_id", "period", "language", "pdf_url"]),
      );
      expect(item.properties.kind!.enum).toEqual([...DOCUMENT_KINDS]);
      expect(item.properties.language!.enum).toEqual([...DOCUMENT_LANGUAGES]);
      expect(item.properties.issued_at).toMatchObject({ type: "string", format: "date-time" });
    });

    it("GET /api/billing/{team}/documents/{number}.pdf answers application/pdf bytes, and 404 for another team's number", () => {
      const pdf = op("/api/billing/{team}/documents/{number}.pdf", "get");
      expect(pdf.parameters!.map((p) => [p.name, p.in, p.required])).toEqual([
        ["team", "path", true],
        ["number", "path", true],
      ]);
      const ok = pdf.responses["200"]!;
      expect(Object.keys(ok.content!)).toEqual(["application/pdf"]);
      expect(ok.content!["application/pdf"]!.schema).toMatchObject({ type: "string", format: "binary" });
      expect(Object.keys(ok.headers!)).toEqual(["Content-Disposition", "Cache-Control"]);
      expect(pdf.responses["404"]!.content!["application/json"]!.example!.error).toEqual({ code: "not_found", message: "Document not found." });
    });

    it("the billing profile reads and takes the legal details, and says the language documents are issued in", () => {
      const legal = ["legal_name", "address", "tax_id", "billing_email", "document_language"];
      const read = op("/api/billing/{team}/profile", "get").responses["200"]!.content!["application/json"]!.schema;
      expect(read.required).toEqual(expect.arrayContaining([...legal, "effective_document_language"]));
      expect(read.properties.effective_document_language!.enum).toEqual([...DOCUMENT_LANGUAGES]);
      const patch = op("/api/billing/{team}/profile", "patch");
      const body = patch.requestBody!.content["application/json"].schema;
      expect(Object.keys(body.properties)).toEqual(["currency", "country", ...legal]);
      expect(body.required ?? []).toEqual([]);
      expect(patch.responses["200"]!.content!["application/json"]!.schema.required).toEqual(expect.arrayContaining(legal));
      expect(patch.responses["400"]!.content!["application/json"]!.example!.error).toEqual({
        code: "invalid_request",
        message: "billing_email: must be an e-mail address",
      });
    });
  });
});
