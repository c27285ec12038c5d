import { eq } from "drizzle-orm";
import { clock } from "@/lib/clock";
import { RATING_MAX, RATING_MIN } from "@/lib/support";
import type { Db } from "@/server/db/client";
import { supportTicket } from "@/server/db/schema";
import { DomainError } from "@/server/errors";
import type { TTeamAccess } from "@/server/services/teams/teams";
import { ratingTokenMatches } from "./rating-link";
import { ticketLanguage } from "./tickets";

type TTicketRow = typeof supportTicket.$inferSelect;

const invalidLink = () => new DomainError("NOT_FOUND", "This rating link is not valid, or has already been used.", { reason: "invalid_rating_link" });

/** The refusals of a rating, whoever gives it: only once resolved (409 `ticket_not_resolved`), only once (409 `already_rated`). */
function assertRatable(t: TTicketRow): void {
  if (t.ratedAt) throw new DomainError("CONFLICT", "This ticket has already been rated; a rating is given once.", { reason: "already_rated" });
  if (!t.resolvedAt || (t.status !== "resolved" && t.status !== "closed")) {
    throw new DomainError("CONFLICT", "A ticket can be rated once it is resolved.", { reason: "ticket_not_resolved" });
  }
}

async function writeRating(tx: Db, t: TTicketRow, input: { score: number; comment?: string | null; by: string | null; now: Date }) {
  const comment = input.comment?.trim() || null;
  const [rated] = await tx
    .update(supportTicket)
    // The ticket's updated_at stays: a rating is not a change of the conversation. The link dies with its use.
    .set({ ratingScore: input.score, ratingComment: comment, ratedAt: input.now, ratedBy: input.by, ratingTokenHash: null, updatedAt: t.updatedAt })
    .where(eq(supportTicket.id, t.id))
    .returning();
  return { ticket_id: rated!.id, score: rated!.ratingScore!, comment: rated!.ratingComment, rated_at: rated!.ratedAt! };
}

function assertScore(score: number): void {
  if (!Number.isInteger(score) || score < RATING_MIN || score > RATING_MAX) {
    throw new DomainError("BAD_REQUEST", `score: must be ${RATING_MIN} to ${RATING_MAX}`, { reason: "invalid_request" });
  }
}

/**
 * The ticket's requester rates it 1 to 5 with a comment (spec 19), once it is resolved, once.
 * Another team's ticket is NOT_FOUND; another member of the team, or staff looking at the team,
 * cannot rate it (403 `not_requester` / `insufficient_role`). The
 * ticket's row is held, so two ratings at once give one and a 409.
 */
export async function rateTicket(db: Db, input: { access: TTeamAccess; userId: string; ticketId: string; score: number; comment?: string | null; now?: Date }) {
  if (input.access.role === null) throw new DomainError("FORBIDDEN", "Only members of the team may rate its tickets.", { reason: "insufficient_role" });
  assertScore(input.score);
  const now = input.now ?? clock.now();
  return db.transaction(async (tx) => {
    const [t] = await tx.select().from(supportTicket).where(eq(supportTicket.id, input.ticketId)).for("update");
    if (!t || t.teamId !== input.access.team.id) throw new DomainError("NOT_FOUND", "Ticket not found.");
    // Spec 19: the rating is the requester's (the one who opened the ticket), not the team's.
    if (t.userId !== input.userId) {
      throw new DomainError("FORBIDDEN", "Only the person who opened this ticket may rate it.", { reason: "not_requester" });
    }
    assertRatable(t);
    return writeRating(tx, t, { score: input.score, comment: input.comment, by: input.userId, now });
  });
}

/**
 * What the rating link's page may show before it is used: whether the link is good, and the
 * ticket's language to write the page in. Nothing of the ticket itself.
 */
export async function checkRatingLink(db: Db, input: { ticketId: string; token: string }) {
  const [t] = await db
    .select({ hash: supportTicket.ratingTokenHash, language: supportTicket.language, ratedAt: supportTicket.ratedAt })
    .from(supportTicket)
    .where(eq(supportTicket.id, input.ticketId))
    .limit(1);
  const valid = !!t && !t.ratedAt && ratingTokenMatches(input.token, t.hash);
  return { valid, language: valid ? ticketLanguage(t!) : null };
}

/**
 * The rating from the resolution e-mail's link (spec 19): the token must be the one this ticket's
 * e-mail carried (another ticket's, a made-up one or a used one: 404 `invalid_rating_link`); it
 * rates as the requester and works once.
 */
export async function rateTicketByLink(db: Db, input: { ticketId: string; token: string; score: number; comment?: string | null; now?: Date }) {
  assertScore(input.score);
  const now = input.now ?? clock.now();
  return db.transaction(async (tx) => {
    const [t] = await tx.select().from(supportTicket).where(eq(supportTicket.id, input.ticketId)).for("update");
    if (!t || !ratingTokenMatches(input.token, t.ratingTokenHash)) throw invalidLink();
    assertRatable(t);
    return { ...(await writeRating(tx, t, { score: input.score, comment: input.comment, by: t.userId, now })), language: ticketLanguage(t) };
  });
}
