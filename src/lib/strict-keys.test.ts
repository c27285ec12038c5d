import { describe, expect, it } from "vitest";
import { z } from "zod";
import { findUnknownKey } from "./strict-keys";
import { findNulField } from "./text-rules";

const schema = z.object({
  message: z.string(),
  is_internal: z.boolean().optional(),
  events: z.array(z.object({ project_id: z.string(), at: z.string().optional() })).min(1),
  meta: z.record(z.string(), z.unknown()).optional(),
  status: z.preprocess((v) => v, z.string().optional()),
});

describe("strict bodies and text", () => {
  it("names the first key the schema does not know, at any depth", () => {
    expect(findUnknownKey(schema, { message: "x", events: [] })).toBeNull();
    expect(findUnknownKey(schema, { message: "x", internal: true, events: [] })).toBe("internal");
    expect(findUnknownKey(schema, { message: "x", events: [{ project_id: "p" }, { project_id: "p", bytez: 1 }] })).toBe("events.1.bytez");
    expect(findUnknownKey(schema, { message: "x", events: [], meta: { anything: 1 }, status: "open" })).toBeNull();
  });

  it("finds a NUL character in any text field or key, by its path", () => {
    expect(findNulField({ events: [{ project_id: "ok" }, { project_id: "p\u0000" }] })).toBe("events.1.project_id");
    expect(findNulField({ ["a\u0000"]: 1 })).toBe("a\\0");
    expect(findNulField("x\u0000")).toBe("body");
    expect(findNulField({ message: "fine", n: 3, ok: true, nothing: null })).toBeNull();
  });
});
