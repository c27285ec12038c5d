import { z } from "zod";
import { RATING_MAX, RATING_MIN, TICKET_CATEGORIES, TICKET_PRIORITIES, TICKET_STATUSES } from "@/lib/support";

/** Body of `POST /api/support/{team}/tickets` and `tickets.create` (the notes' shape). */
export const ZCreateTicketSchema = z.object({
  subject: z.string().trim().min(3, "must be at least 3 characters").max(200, "must be at most 200 characters"),
  description: z.string().trim().min(1, "must not be empty").max(20_000, "must be at most 20,000 characters"),
  category: z.enum(TICKET_CATEGORIES).default("other"),
  priority: z.enum(TICKET_PRIORITIES).default("normal"),
});

export const ZTicketMessageSchema = z.object({
  message: z.string().trim().min(1, "must not be empty").max(20_000, "must be at most 20,000 characters"),
});

/** Body of `POST /api/support/{team}/tickets/{id}/messages`: staff may post an internal note, as on tRPC. */
export const ZRestTicketMessageSchema = ZTicketMessageSchema.extend({
  is_internal: z.boolean().optional().describe("staff only: a note the team never sees"),
});

export const ZTicketStatusSchema = z.enum(TICKET_STATUSES);

/** Body of `POST /api/support/{team}/tickets/{id}/rating` and `tickets.rate` (spec 19): a score of 1 to 5 and an optional comment. */
export const ZRateTicketSchema = z.object({
  score: z.number().int("must be a whole number").min(RATING_MIN, `must be at least ${RATING_MIN}`).max(RATING_MAX, `must be at most ${RATING_MAX}`),
  comment: z.string().trim().max(2000, "must be at most 2,000 characters").optional(),
});

const cannedTitle = z.string().trim().min(1, "must not be empty").max(200, "must be at most 200 characters");
const cannedBody = z.string().trim().min(1, "must not be empty").max(20_000, "must be at most 20,000 characters");

/** A canned reply as staff write it (spec 19): a title and a body in each language; bodies may hold `{{team}}` and `{{name}}`. */
export const ZCannedReplyInputSchema = z.object({ title_en: cannedTitle, title_fr: cannedTitle, body_en: cannedBody, body_fr: cannedBody });
export type TCannedReplyInput = z.infer<typeof ZCannedReplyInputSchema>;
