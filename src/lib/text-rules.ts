/**
 * Spec 13's text rule: no text input or path parameter may hold a NUL character (Postgres refuses
 * `\0` in text, and it is never meant). Finds the first field that holds one, by its path
 * (`events.3.project_id`), walking objects and arrays (keys too); null when there is none.
 */
export function findNulField(value: unknown, path: (string | number)[] = [], depth = 0): string | null {
  if (typeof value === "string") return value.includes("\u0000") ? fieldName(path) : null;
  if (depth > 32 || value === null || typeof value !== "object") return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findNulField(value[i], [...path, i], depth + 1);
      if (found) return found;
    }
    return null;
  }
  for (const [key, v] of Object.entries(value)) {
    if (key.includes("\u0000")) return fieldName([...path, key.replaceAll("\u0000", "\\0")]);
    const found = findNulField(v, [...path, key], depth + 1);
    if (found) return found;
  }
  return null;
}

function fieldName(path: (string | number)[]): string {
  return path.length ? path.join(".") : "body";
}

export const NUL_MESSAGE = "must not contain a NUL character (\\u0000)";
