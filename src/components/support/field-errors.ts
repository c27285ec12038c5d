/**
 * Splits the server's validation sentence ("subject: must be at least 3 characters; description:
 * must not be empty") into one message per known field; whatever is not about those fields stays
 * a general message.
 */
export function splitFieldErrors<TField extends string>(
  message: string,
  fields: readonly TField[],
): { fields: Partial<Record<TField, string>>; rest: string | null } {
  const out: Partial<Record<TField, string>> = {};
  const rest: string[] = [];
  for (const part of message.split("; ")) {
    const match = /^([A-Za-z_]+): (.+)$/.exec(part.trim());
    const field = match?.[1] as TField | undefined;
    if (match && field && fields.includes(field)) {
      const text = match[2]!.charAt(0).toUpperCase() + match[2]!.slice(1);
      out[field] = out[field] ? `${out[field]}; ${text}` : text;
    } else if (part.trim()) {
      rest.push(part.trim());
    }
  }
  return { fields: out, rest: rest.length ? rest.join("; ") : null };
}
