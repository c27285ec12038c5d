import { customAlphabet } from "nanoid";

const ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";

export type TIdPrefix =
  | "usr"
  | "ses"
  | "acc"
  | "ver"
  | "team"
  | "prj"
  | "sub"
  | "use"
  | "pay"
  | "res"
  | "tkt"
  | "msg"
  | "evt"
  | "ntf"
  | "tok"
  | "job"
  | "sbx"
  | "bal"
  | "doc"
  | "whe"
  | "wha"
  | "sta"
  | "cnr";

// nanoid draws each character without modulo bias (a byte % 36 favours the first 4 characters).
const randomPart = new Map<number, () => string>();

/** A public id: `<prefix>_` followed by 20 random base-36 characters (about 103 bits). */
export function newId(prefix: TIdPrefix, length = 20): string {
  let make = randomPart.get(length);
  if (!make) randomPart.set(length, (make = customAlphabet(ALPHABET, length)));
  return `${prefix}_${make()}`;
}
