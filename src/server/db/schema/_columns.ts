import { sql } from "drizzle-orm";
import { timestamp, bigint } from "drizzle-orm/pg-core";

/** `timestamptz`, read as a Date. Every time in the product is UTC. */
export const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });
export const createdAt = () => tstz("created_at").notNull().defaultNow();
export const updatedAt = () => tstz("updated_at").notNull().defaultNow().$onUpdate(() => new Date());
/** Byte counts are exact: bigint in the database and in JavaScript. */
export const bytes = (name: string) => bigint(name, { mode: "bigint" }).notNull().default(sql`0`);

export const sqlList = (values: readonly string[]) => values.map((v) => `'${v}'`).join(", ");
