import { z } from "zod";
import { isSupportedCountry } from "libphonenumber-js";
import { CURRENCIES } from "@/lib/money";
import { DOCUMENT_LANGUAGES } from "@/lib/documents";

/** Body of `PATCH /api/billing/{team}/profile` and `billing.updateProfile` (spec 14.1). */
export const ZUpdateBillingProfileSchema = z
  .object({
    currency: z.enum(CURRENCIES, `must be one of ${CURRENCIES.join(", ")}`).optional(),
    country: z
      .string()
      .regex(/^[A-Z]{2}$/, "must be an ISO 3166 country code in capitals, such as CI or SN")
      .refine((c) => isSupportedCountry(c), "is not a country code we know")
      .nullable()
      .optional(),
    /** The buyer on receipts and statements (spec 16); null or "" clears a field. */
    legal_name: z.string().max(200, "must be at most 200 characters").nullable().optional(),
    address: z.string().max(500, "must be at most 500 characters").nullable().optional(),
    tax_id: z.string().max(100, "must be at most 100 characters").nullable().optional(),
    billing_email: z
      .union([z.email("must be an e-mail address"), z.literal("")])
      .nullable()
      .optional(),
    document_language: z.enum(DOCUMENT_LANGUAGES, "must be fr or en").nullable().optional(),
  })
  .refine(
    (b) => Object.values(b).some((v) => v !== undefined),
    "send at least one field: currency, country, legal_name, address, tax_id, billing_email, document_language",
  );
export type TUpdateBillingProfile = z.infer<typeof ZUpdateBillingProfileSchema>;

/** Body of `POST /api/billing/{team}/auto-renew` and `balance.setAutoRenew` (spec 15): `pro`, or an add-on's id. */
export const ZAutoRenewSchema = z.object({
  item: z.string().min(1, "must be pro or an add-on's id").max(100, "is too long for an add-on's id"),
  enabled: z.boolean("must be true or false"),
});
export type TAutoRenew = z.infer<typeof ZAutoRenewSchema>;

/** `GET /api/billing/{team}/balance?limit=` and `balance.ledger`: a page of the ledger, newest first. */
export const ZLedgerQuerySchema = z.object({
  limit: z.coerce.number().int("must be a whole number").min(1, "must be at least 1").max(100, "must be at most 100").default(20),
  /** The previous page's `next_before`. */
  before: z.coerce.number().int().positive().optional(),
});
