import type { z } from "zod";

type TDef = { type: string; innerType?: z.ZodType; element?: z.ZodType; in?: z.ZodType; out?: z.ZodType; shape?: Record<string, z.ZodType>; options?: z.ZodType[] };
const defOf = (s: z.ZodType) => (s as unknown as { def: TDef }).def;

/** The object or array schema under optional, nullable, default and pipe wrappers. */
function unwrap(schema: z.ZodType): z.ZodType {
  let s = schema;
  for (let i = 0; i < 10; i++) {
    const d = defOf(s);
    if ((d.type === "optional" || d.type === "nullable" || d.type === "default" || d.type === "prefault" || d.type === "catch" || d.type === "readonly") && d.innerType) s = d.innerType;
    else if (d.type === "pipe" && d.out && d.in) s = defOf(d.in).type === "transform" ? d.out : d.in;
    else break;
  }
  return s;
}

/**
 * Spec 13's strict bodies: the path of the first key of `value` that `schema` does not know
 * (`events.0.bytez`), or null. zod drops unknown keys silently, so a misspelt or unsupported field
 * (`is_internal` where it is not taken) would otherwise be ignored without a word. Objects that
 * accept any key (records) are left alone.
 */
export function findUnknownKey(schema: z.ZodType, value: unknown, path: (string | number)[] = []): string | null {
  const s = unwrap(schema);
  const d = defOf(s);
  if (d.type === "object" && value && typeof value === "object" && !Array.isArray(value)) {
    const shape = (s as unknown as { shape: Record<string, z.ZodType> }).shape;
    for (const [key, v] of Object.entries(value)) {
      const field = shape[key];
      if (!field) return [...path, key].join(".");
      const deeper = findUnknownKey(field, v, [...path, key]);
      if (deeper) return deeper;
    }
  } else if (d.type === "array" && d.element && Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const deeper = findUnknownKey(d.element, value[i], [...path, i]);
      if (deeper) return deeper;
    }
  }
  return null;
}
