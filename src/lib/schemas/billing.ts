import { z } from "zod";
import { isSupportedCountry } from "libphonenumber-js";
import { CURRENCIES } from "@/lib/money";

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
  })
  .refine((b) => b.currency !== undefined || b.country !== undefined, "send currency, country or both");
export type TUpdateBillingProfile = z.infer<typeof ZUpdateBillingProfileSchema>;
