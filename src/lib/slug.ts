import { z } from "zod";
import { RESERVED_SLUGS } from "./slugify";

export { RESERVED_SLUGS, slugify } from "./slugify";

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
