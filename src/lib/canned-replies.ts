/**
 * Canned replies' placeholders (spec 19), shared by the server that fills them and the UI that
 * previews them: `{{team}}` is the ticket's team's name, `{{name}}` its requester's name.
 */
export const CANNED_PLACEHOLDERS = ["team", "name"] as const;
export type TCannedPlaceholder = (typeof CANNED_PLACEHOLDERS)[number];

/** `text` with `{{team}}` and `{{name}}` (spaces inside the braces allowed) filled in; any other `{{…}}` stays as written. */
export function fillCannedReply(text: string, values: Record<TCannedPlaceholder, string>): string {
  return text.replace(/\{\{\s*(team|name)\s*\}\}/g, (_m, key: TCannedPlaceholder) => values[key]);
}
