/** A `?next=` value only ever leads somewhere inside the console (never "//evil.example"). */
export function safeNextPath(value: string | string[] | undefined | null): string {
  const next = Array.isArray(value) ? value[0] : value;
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return "/";
  return next;
}
