import { z } from "zod";

/** Words a team slug may not take: they collide with routes or read as system names. */
export const RESERVED_SLUGS = new Set([
  "api",
  "app",
  "admin",
  "auth",
  "callback",
  "console",
  "dashboard",
  "docs",
  "health",
  "help",
  "login",
  "logout",
  "new",
  "null",
  "settings",
  "sign-in",
  "sign-up",
  "sandbox",
  "servelink",
  "staff",
  "static",
  "status",
  "support",
  "system",
  "teams",
  "undefined",
  "www",
]);

export const ZTeamSlugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9-]{3,40}$/, "must be 3 to 40 characters of a-z, 0-9 and -")
  .refine((s) => !RESERVED_SLUGS.has(s), "is a reserved word; choose another");

export const ZProjectSlugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/, "must be 1 to 40 characters of a-z, 0-9 and -, not starting or ending with -");

/** Turns a display name into a slug candidate ("Acme Corp" → "acme-corp"). */
export function slugify(name: string): string {
  return name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40);
}
