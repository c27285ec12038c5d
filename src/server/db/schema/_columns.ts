import { sql } from "drizzle-orm";
import { bigint, check, timestamp } from "drizzle-orm/pg-core";
import { clock } from "@/lib/clock";

/** `timestamptz`, read as a Date. Every time in the product is UTC. */
export const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });
/**
 * A time set on insert: the console's clock (spec 13, one clock) when Drizzle writes the row, the
 * database's `now()` only for rows written by hand in SQL.
 */
export const stampedAt = (name: string) =>
  tstz(name)
    .notNull()
    .defaultNow()
    .$defaultFn(() => clock.now());
export const createdAt = () => stampedAt("created_at");
export const updatedAt = () => stampedAt("updated_at").$onUpdate(() => clock.now());
/** Byte counts are exact: bigint in the database and in JavaScript. */
export const bytes = (name: string) =>
  bigint(name, { mode: "bigint" })
    .notNull()
    .default(sql`0`);

export const sqlList = (values: readonly string[]) => values.map((v) => `'${v}'`).join(", ");

/** The check that a text column holds one of its words (a lib/ enum): `name`, `column in (…)`; `nullable` lets it be null. */
export const oneOf = (name: string, column: string, values: readonly string[], opts: { nullable?: boolean } = {}) =>
  check(name, sql.raw(`${opts.nullable ? `${column} is null or ` : ""}${column} in (${sqlList(values)})`));
