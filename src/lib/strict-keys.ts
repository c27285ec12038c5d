import type { z } from "zod";

type TDef = {
  type: string;
  innerType?: z.ZodType;
  element?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  options?: z.ZodType[];
};
const defOf = (s: z.ZodType) => (s as unknown as { def: TDef }).def;

/** The object or array schema under optional, nullable, default and pipe wrappers. */
function unwrap(schema: z.ZodType): z.ZodType {
  let s = schema;
  for (let i = 0; i < 10; i++) {
    const d = defOf(s);
    if (
      (d.type === "optional" || d.type === "nullable" || d.type === "default" || d.type === "prefault" || d.type === "catch" || d.type === "readonly") &&
      d.innerType
    )
      s = d.innerType;
    else if (d.type === "pipe" && d.out && d.in) s = defOf(d.in).type === "transform" ? d.out : d.in;
    else break;
  }
  return s;
}

/**
 * Spec 13's strict bodies: the path of the first key of `value` that `schema` does not know
 * (`events.0.bytez`), or null. zod drops unknown keys silently, so a misspelt or unsupported field
 * (`is_internal` where it is not taken) would otherwise be ignored without a word. Objects that
 * accept any key (records) are left alone. The path is only built for a key that is found (a
 * 10,000-event batch is walked without allocating one).
 */
export function findUnknownKey(schema: z.ZodType, value: unknown): string | null {
  const path = walk(schema, value);
  return path ? path.reverse().join(".") : null;
}

const shapes = new WeakMap<z.ZodType, { keys: Set<string>; shape: Record<string, z.ZodType> }>();

function objectShape(s: z.ZodType) {
  let known = shapes.get(s);
  if (!known) {
    const shape = (s as unknown as { shape: Record<string, z.ZodType> }).shape;
    shapes.set(s, (known = { keys: new Set(Object.keys(shape)), shape }));
  }
  return known;
}

/** The path (innermost first) to the first unknown key, or null. */
function walk(schema: z.ZodType, value: unknown): (string | number)[] | null {
  const s = unwrap(schema);
  const d = defOf(s);
  if (d.type === "object" && value && typeof value === "object" && !Array.isArray(value)) {
    const { keys, shape } = objectShape(s);
    for (const key in value) {
      if (!keys.has(key)) return [key];
      const inner = (value as Record<string, unknown>)[key];
      if (inner && typeof inner === "object") {
        const deeper = walk(shape[key]!, inner);
        if (deeper) return (deeper.push(key), deeper);
      }
    }
  } else if (d.type === "array" && d.element && Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (!item || typeof item !== "object") continue;
      const deeper = walk(d.element, item);
      if (deeper) return (deeper.push(i), deeper);
    }
  }
  return null;
}
