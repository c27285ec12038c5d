import { sql } from "drizzle-orm";
import { boolean, check, index, integer, pgTable, text } from "drizzle-orm/pg-core";
import { GLOBAL_ROLES } from "@/lib/roles";
import { LOCALES } from "@/lib/locales";
import { createdAt, oneOf, tstz, updatedAt } from "./_columns";

/** better-auth's tables (field names are its own), with our global role on `user`. */
export const user = pgTable(
  "user",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    email: text("email").notNull().unique(),
    emailVerified: boolean("email_verified").notNull().default(false),
    image: text("image"),
    role: text("role", { enum: GLOBAL_ROLES }).notNull().default("user"),
    /** The language the person chose (spec 14.6); null until they pick one, when the browser's Accept-Language decides. */
    locale: text("locale", { enum: LOCALES }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  () => [oneOf("user_role_check", "role", GLOBAL_ROLES), oneOf("user_locale_check", "locale", LOCALES, { nullable: true })],
);

/** The user a row belongs to: deleted with them. */
export const ownedByUser = () =>
  text("user_id")
    .notNull()
    .references(() => user.id, { onDelete: "cascade" });

export const session = pgTable(
  "session",
  {
    id: text("id").primaryKey(),
    expiresAt: tstz("expires_at").notNull(),
    token: text("token").notNull().unique(),
    ipAddress: text("ip_address"),
    userAgent: text("user_agent"),
    userId: ownedByUser(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("session_user_id_idx").on(t.userId)],
);

export const account = pgTable(
  "account",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull(),
    providerId: text("provider_id").notNull(),
    userId: ownedByUser(),
    accessToken: text("access_token"),
    refreshToken: text("refresh_token"),
    idToken: text("id_token"),
    accessTokenExpiresAt: tstz("access_token_expires_at"),
    refreshTokenExpiresAt: tstz("refresh_token_expires_at"),
    scope: text("scope"),
    password: text("password"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("account_user_id_idx").on(t.userId)],
);

export const verification = pgTable(
  "verification",
  {
    id: text("id").primaryKey(),
    identifier: text("identifier").notNull(),
    value: text("value").notNull(),
    expiresAt: tstz("expires_at").notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("verification_identifier_idx").on(t.identifier)],
);

/**
 * Failed sign-ins per account address (spec 13): `email_key` is the sha256 of the lowercased
 * address, whether or not an account has it, so the limit tells nothing about which exist. Ten
 * failures inside one 15-minute window block sign-in for that address until the window ends.
 */
export const signInGuard = pgTable("sign_in_guard", {
  emailKey: text("email_key").primaryKey(),
  windowStartedAt: tstz("window_started_at").notNull(),
  failures: integer("failures").notNull(),
  notifiedAt: tstz("notified_at"),
});

/** Personal API tokens: only the sha256 of the secret is stored; `prefix` helps a user tell them apart. */
export const apiToken = pgTable(
  "api_token",
  {
    id: text("id").primaryKey(),
    userId: ownedByUser(),
    name: text("name").notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    prefix: text("prefix").notNull(),
    lastUsedAt: tstz("last_used_at"),
    createdAt: createdAt(),
    revokedAt: tstz("revoked_at"),
  },
  (t) => [index("api_token_user_id_idx").on(t.userId), check("api_token_name_check", sql`char_length(${t.name}) between 1 and 100`)],
);
