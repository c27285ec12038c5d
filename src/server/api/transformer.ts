import superjson from "superjson";
import type { SuperJSONResult } from "superjson";

/**
 * The tRPC API's transformer: superjson (the browser and the typed client read it), with the
 * server's answers written by a walk of our own when they hold only what the API answers — plain
 * objects and arrays, strings, finite numbers, booleans, null, bigints, valid Dates and undefined.
 * That walk gives what `superjson.serialize` gives (the same `json`, the same `meta.values`, whose
 * keys superjson orders by its own merging and reads one path at a time: the unit test compares
 * them), at a fraction of its cost: superjson copies a
 * path array and records an identity per value, which for `usage.daily`'s 600 rows cost more than
 * the query (bench summary). Anything else (a Map, a Set, an Error, a class instance, NaN or
 * Infinity, an array with holes, an object met twice, which superjson records as a referential
 * equality) is handed to superjson itself, whole. One difference, which changes nothing read: superjson
 * also lists equal bigints as referential equalities (it keys identities by value, and a bigint has
 * no identity but its value: a summary's limit repeats in every project); they are not written.
 */
export const apiTransformer = {
  input: superjson,
  output: { serialize: serializeOutput, deserialize: (value: SuperJSONResult) => superjson.deserialize(value) },
};

type TAnnotation = ["bigint"] | ["Date"] | ["undefined"];

/** Not a value the walk writes: superjson writes the whole answer. */
const FALLBACK = Symbol("fallback");

/** superjson's path segment: `\` and `.` escaped. */
function escapeKey(key: string): string {
  return key.includes("\\") || key.includes(".") ? key.replace(/\\/g, "\\\\").replace(/\./g, "\\.") : key;
}

export function serializeOutput(value: unknown): SuperJSONResult {
  if (value === null || typeof value !== "object" || !(Array.isArray(value) || isPlainObject(value))) return superjson.serialize(value);
  const annotations: Record<string, TAnnotation> = {};
  const seen = new Set<object>();

  /** The value as superjson writes it, or FALLBACK; `path` is the escaped dotted path (null: the root). */
  const walk = (v: unknown, path: string | null): unknown => {
    switch (typeof v) {
      case "string":
      case "boolean":
        return v;
      case "number":
        return Number.isFinite(v) ? v : FALLBACK;
      case "bigint":
        annotations[path!] = ["bigint"];
        return v.toString();
      case "undefined":
        annotations[path!] = ["undefined"];
        return null;
      case "object": {
        if (v === null) return null;
        if (seen.has(v)) return FALLBACK;
        seen.add(v);
        if (v instanceof Date) {
          if (Number.isNaN(v.getTime())) return FALLBACK;
          annotations[path!] = ["Date"];
          return v.toISOString();
        }
        const prefix = path === null ? "" : `${path}.`;
        if (Array.isArray(v)) {
          let out: unknown[] | null = null;
          for (let i = 0; i < v.length; i++) {
            if (!(i in v)) return FALLBACK;
            const item: unknown = v[i];
            const w = walk(item, prefix + i);
            if (w === FALLBACK) return FALLBACK;
            if (w !== item) (out ??= v.slice(0, i))[i] = w;
            else if (out) out[i] = w;
          }
          return out ?? v;
        }
        if (!isPlainObject(v)) return FALLBACK;
        let out: Record<string, unknown> | null = null;
        const record = v as Record<string, unknown>;
        const keys = Object.keys(record);
        for (let k = 0; k < keys.length; k++) {
          const key = keys[k]!;
          if (key === "__proto__" || key === "constructor" || key === "prototype") return FALLBACK;
          const item = record[key];
          const w = walk(item, prefix + escapeKey(key));
          if (w === FALLBACK) return FALLBACK;
          if (w !== item && !out) {
            out = {};
            for (let j = 0; j < k; j++) out[keys[j]!] = record[keys[j]!];
          }
          if (out) out[key] = w;
        }
        return out ?? v;
      }
      default:
        return FALLBACK;
    }
  };

  const json = walk(value, null);
  if (json === FALLBACK) return superjson.serialize(value);
  return Object.keys(annotations).length > 0
    ? { json: json as SuperJSONResult["json"], meta: { values: annotations, v: 1 } }
    : { json: json as SuperJSONResult["json"] };
}

function isPlainObject(v: object): boolean {
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === null || (proto === Object.prototype && v !== Object.prototype);
}
