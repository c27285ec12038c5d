import { asc, eq } from "drizzle-orm";
import { fillCannedReply } from "@/lib/canned-replies";
import { newId } from "@/lib/ids";
import { clock } from "@/lib/clock";
import type { TCannedReplyInput } from "@/lib/schemas/support";
import type { Db } from "@/server/db/client";
import { cannedReply, supportTicket, team, user } from "@/server/db/schema";
import { DomainError } from "@/server/errors";
import { assertStaff, type TStaffActor } from "./staff-actions";
import { ticketLanguage } from "./tickets";

/** Staff's canned replies (spec 19), kept by staff: every support member sees and edits the same set. */

type TCannedRow = typeof cannedReply.$inferSelect;

const notFound = () => new DomainError("NOT_FOUND", "Canned reply not found.");

function toView(r: TCannedRow) {
  return {
    id: r.id,
    title_en: r.titleEn,
    title_fr: r.titleFr,
    body_en: r.bodyEn,
    body_fr: r.bodyFr,
    created_by: r.createdBy,
    updated_by: r.updatedBy,
    created_at: r.createdAt,
    updated_at: r.updatedAt,
  };
}

/** Every canned reply, by English title. */
export async function listCannedReplies(db: Db, actor: TStaffActor) {
  assertStaff(actor);
  const rows = await db.select().from(cannedReply).orderBy(asc(cannedReply.titleEn), asc(cannedReply.id));
  return rows.map(toView);
}

export async function createCannedReply(db: Db, input: { actor: TStaffActor; reply: TCannedReplyInput; now?: Date }) {
  assertStaff(input.actor);
  const now = input.now ?? clock.now();
  const [row] = await db
    .insert(cannedReply)
    .values({
      id: newId("cnr"),
      titleEn: input.reply.title_en,
      titleFr: input.reply.title_fr,
      bodyEn: input.reply.body_en,
      bodyFr: input.reply.body_fr,
      createdBy: input.actor.id,
      updatedBy: input.actor.id,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  return toView(row!);
}

/** Changes the fields given; the last editor is kept. */
export async function updateCannedReply(db: Db, input: { actor: TStaffActor; id: string; reply: Partial<TCannedReplyInput>; now?: Date }) {
  assertStaff(input.actor);
  const r = input.reply;
  const [row] = await db
    .update(cannedReply)
    .set({
      ...(r.title_en !== undefined ? { titleEn: r.title_en } : {}),
      ...(r.title_fr !== undefined ? { titleFr: r.title_fr } : {}),
      ...(r.body_en !== undefined ? { bodyEn: r.body_en } : {}),
      ...(r.body_fr !== undefined ? { bodyFr: r.body_fr } : {}),
      updatedBy: input.actor.id,
      updatedAt: input.now ?? clock.now(),
    })
    .where(eq(cannedReply.id, input.id))
    .returning();
  if (!row) throw notFound();
  return toView(row);
}

export async function deleteCannedReply(db: Db, input: { actor: TStaffActor; id: string }) {
  assertStaff(input.actor);
  const [row] = await db.delete(cannedReply).where(eq(cannedReply.id, input.id)).returning({ id: cannedReply.id });
  if (!row) throw notFound();
  return { id: row.id, deleted: true as const };
}

/**
 * A canned reply ready to insert in a ticket's answer (spec 19): in the requester's language (the
 * ticket's), `{{team}}` and `{{name}}` filled with the ticket's team and requester. Nothing is sent.
 */
export async function renderCannedReply(db: Db, input: { actor: TStaffActor; id: string; ticketId: string }) {
  assertStaff(input.actor);
  const [[reply], [ticket]] = await Promise.all([
    db.select().from(cannedReply).where(eq(cannedReply.id, input.id)).limit(1),
    db
      .select({ language: supportTicket.language, team: team.name, name: user.name })
      .from(supportTicket)
      .innerJoin(team, eq(team.id, supportTicket.teamId))
      .innerJoin(user, eq(user.id, supportTicket.userId))
      .where(eq(supportTicket.id, input.ticketId))
      .limit(1),
  ]);
  if (!ticket) throw new DomainError("NOT_FOUND", "Ticket not found.");
  if (!reply) throw notFound();
  const language = ticketLanguage(ticket);
  const values = { team: ticket.team, name: ticket.name };
  return {
    id: reply.id,
    language,
    title: language === "fr" ? reply.titleFr : reply.titleEn,
    body: fillCannedReply(language === "fr" ? reply.bodyFr : reply.bodyEn, values),
  };
}
