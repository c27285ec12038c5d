import { z } from "zod";
import { ADDON_TYPES } from "@/lib/addons";
import { PAYMENT_METHODS } from "@/lib/payments";
import { ZPayerFields } from "@/lib/schemas/payments";

/** Body of `POST /api/resources/{team}/purchase` and `addons.purchase`. */
export const ZPurchaseAddonSchema = z.object({
  resource_type: z.enum(ADDON_TYPES, "must be one of ram, cpu, traffic, storage"),
  quantity: z.number().int("must be a whole number").min(1, "must be at least 1").max(100, "must be at most 100"),
  payment_method: z.enum(PAYMENT_METHODS).default("mobile_money"),
  ...ZPayerFields,
});
