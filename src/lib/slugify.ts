// Slug words and making a slug, without zod: the browser's forms import this, not ./slug (whose
// schemas would bring zod into every page's scripts).

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
