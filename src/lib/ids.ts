const ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";

export type TIdPrefix = "usr" | "ses" | "acc" | "ver" | "team" | "prj" | "sub" | "use" | "pay" | "res" | "tkt" | "msg" | "evt" | "ntf" | "tok" | "job" | "sbx";

/** A public id: `<prefix>_` followed by 20 random base-36 characters (about 103 bits). */
export function newId(prefix: TIdPrefix, length = 20): string {
  const bytes = new Uint8Array(length);
  crypto.getRandomValues(bytes);
  let out = "";
  for (const b of bytes) out += ALPHABET[b % 36];
  return `${prefix}_${out}`;
}
