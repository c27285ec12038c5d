import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

/*
 * An endpoint's `whsec_` secret signs every delivery, so the console must be able to read it back:
 * it is stored encrypted (AES-256-GCM) under a key derived from AUTH_SECRET with HKDF, never in the
 * clear, and shown once, when it is made. Nothing here logs it.
 */

const VERSION = "v1";

/** The development value of src/env.js's `authSecret`, read here without env.js (whose import checks every variable, which the jobs and tests need not set). */
const DEVELOPMENT_AUTH_SECRET = "servelink-development-secret-change-me-0123456789";

function authSecret(): string {
  const secret = process.env.AUTH_SECRET;
  if (secret) return secret;
  if (process.env.NODE_ENV === "production") throw new Error("AUTH_SECRET is not set: webhook secrets cannot be encrypted or read.");
  return DEVELOPMENT_AUTH_SECRET;
}

function key(): Buffer {
  return Buffer.from(hkdfSync("sha256", authSecret(), "servelink-webhooks", "webhook-endpoint-secret-v1", 32));
}

/** A new secret in the Standard Webhooks form: `whsec_` and 32 random bytes in base64. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64")}`;
}

/** `v1:` then base64 of the 12-byte IV, the 16-byte tag and the ciphertext. */
export function encryptSecret(secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  const body = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64")}`;
}

/** The secret back; throws when the text was not made by `encryptSecret` under this AUTH_SECRET (tampered, or the secret changed). */
export function decryptSecret(stored: string): string {
  const [version, data] = stored.split(":", 2);
  if (version !== VERSION || !data) throw new Error("webhook secret: unknown storage format");
  const raw = Buffer.from(data, "base64");
  const decipher = createDecipheriv("aes-256-gcm", key(), raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
}
