import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * The single-use rating link of a resolution e-mail (spec 19): a random token only the e-mail
 * holds; the ticket keeps its sha256, so a leaked database gives no working link. The token is
 * for one ticket (its hash is on that ticket's row) and works once (using it clears the hash).
 */
export function newRatingToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, hash: hashRatingToken(token) };
}

export function hashRatingToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** Whether `token` is the one whose hash the ticket holds (compared in constant time). */
export function ratingTokenMatches(token: string, storedHash: string | null): boolean {
  if (!storedHash || !/^[A-Za-z0-9_-]{20,100}$/.test(token)) return false;
  const a = Buffer.from(hashRatingToken(token), "hex");
  const b = Buffer.from(storedHash, "hex");
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The link's address: the rating page of the ticket, the token in its query. */
export function ratingLinkUrl(consoleUrl: string, ticketId: string, token: string): string {
  return `${consoleUrl}/api/ticket-rating/${encodeURIComponent(ticketId)}?token=${encodeURIComponent(token)}`;
}
