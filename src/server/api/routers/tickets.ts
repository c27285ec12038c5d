import { z } from "zod";
import { ZCannedReplyInputSchema, ZCreateTicketSchema, ZRateTicketSchema, ZTicketMessageSchema, ZTicketStatusSchema } from "@/lib/schemas/support";
import { TICKET_CATEGORIES, TICKET_PRIORITIES } from "@/lib/support";
import { ZTicketCreatedSchema, ZTicketRatingSchema, ZTicketSchema, ZTicketSummarySchema } from "@/lib/schemas/rest";
import { rateTicket } from "@/server/services/support/ratings";
import { createCannedReply, deleteCannedReply, listCannedReplies, renderCannedReply, updateCannedReply } from "@/server/services/support/canned-replies";
import {
  addTicketMessage,
  assignTicket,
  createTicket,
  getTicket,
  getTicketStats,
  listStaff,
  listSupportQueue,
  listTeamTickets,
  resolveTeamId,
  searchTickets,
  setTicketStatus,
} from "@/server/services/support/tickets";
import { createTRPCRouter, staffProcedure, teamProcedure } from "@/server/api/trpc";
import { extendPro, grantCredit, liftSuspension, recheckPayment } from "@/server/services/support/staff-actions";
import { EXTEND_PRO_MAX_DAYS } from "@/lib/support";
import { getTeamContext } from "@/server/services/support/team-context";

const ZTicketRef = z.object({ ticketId: z.string().min(1).max(100) });

/** The team side: members of the team (staff may use it for any team; their messages are support's). */
export const ticketsRouter = createTRPCRouter({
  create: teamProcedure()
    .input(ZCreateTicketSchema)
    .output(ZTicketCreatedSchema)
    .mutation(async ({ ctx, input }) =>
      createTicket(ctx.db, { access: ctx.access, userId: ctx.user.id, ...input, language: await ctx.locale(), onWebhookEvents: ctx.onWebhookEvents }),
    ),
  list: teamProcedure("member", { allowSupport: true })
    .input(z.object({ status: ZTicketStatusSchema.optional() }))
    .output(z.array(ZTicketSummarySchema))
    .query(({ ctx, input }) => listTeamTickets(ctx.db, ctx.access.team.id, { status: input.status, now: ctx.now })),
  get: teamProcedure("member", { allowSupport: true })
    .input(ZTicketRef)
    .output(ZTicketSchema)
    .query(({ ctx, input }) => getTicket(ctx.db, { ticketId: input.ticketId, viewer: ctx.user, teamId: ctx.access.team.id, now: ctx.now })),
  reply: teamProcedure("member", { allowSupport: true })
    .input(ZTicketRef.extend(ZTicketMessageSchema.shape))
    .mutation(({ ctx, input }) =>
      addTicketMessage(ctx.db, {
        ticketId: input.ticketId,
        viewer: ctx.user,
        teamId: ctx.access.team.id,
        message: input.message,
        mailer: ctx.mailer,
        now: ctx.now,
        onWebhookEvents: ctx.onWebhookEvents,
      }),
    ),
  setStatus: teamProcedure("member", { allowSupport: true })
    .input(ZTicketRef.extend({ status: ZTicketStatusSchema }))
    .mutation(({ ctx, input }) =>
      setTicketStatus(ctx.db, {
        ticketId: input.ticketId,
        viewer: ctx.user,
        teamId: ctx.access.team.id,
        status: input.status,
        mailer: ctx.mailer,
        now: ctx.now,
        onWebhookEvents: ctx.onWebhookEvents,
      }),
    ),
  search: teamProcedure("member", { allowSupport: true })
    .input(z.object({ query: z.string().max(200) }))
    .query(({ ctx, input }) => searchTickets(ctx.db, { query: input.query, teamId: ctx.access.team.id, viewer: ctx.user, now: ctx.now })),
  stats: teamProcedure("member", { allowSupport: true }).query(({ ctx }) => getTicketStats(ctx.db, { teamId: ctx.access.team.id, now: ctx.now })),
  /** The requester's team rates a resolved ticket 1 to 5 with a comment, once (spec 19); a second rating is a 409. */
  rate: teamProcedure()
    .input(ZTicketRef.extend(ZRateTicketSchema.shape))
    .output(ZTicketRatingSchema)
    .mutation(({ ctx, input }) =>
      rateTicket(ctx.db, { access: ctx.access, userId: ctx.user.id, ticketId: input.ticketId, score: input.score, comment: input.comment, now: ctx.now }),
    ),
});

const ZCannedRef = z.object({ id: z.string().min(1).max(100) });

/** Staff's canned replies (spec 19): kept by staff, inserted in the requester's language. */
const cannedRepliesRouter = createTRPCRouter({
  list: staffProcedure.query(({ ctx }) => listCannedReplies(ctx.db, ctx.user)),
  create: staffProcedure
    .input(ZCannedReplyInputSchema)
    .mutation(({ ctx, input }) => createCannedReply(ctx.db, { actor: ctx.user, reply: input, now: ctx.now })),
  update: staffProcedure.input(ZCannedRef.extend(ZCannedReplyInputSchema.partial().shape)).mutation(({ ctx, input }) => {
    const { id, ...reply } = input;
    return updateCannedReply(ctx.db, { actor: ctx.user, id, reply, now: ctx.now });
  }),
  delete: staffProcedure.input(ZCannedRef).mutation(({ ctx, input }) => deleteCannedReply(ctx.db, { actor: ctx.user, id: input.id })),
  /** The reply for one ticket: its language, `{{team}}` and `{{name}}` filled in (nothing is sent). */
  render: staffProcedure
    .input(ZCannedRef.extend(ZTicketRef.shape))
    .query(({ ctx, input }) => renderCannedReply(ctx.db, { actor: ctx.user, id: input.id, ticketId: input.ticketId })),
});

/** The staff console: every team's tickets. Anyone else gets NOT_FOUND. */
export const supportRouter = createTRPCRouter({
  queue: staffProcedure
    .input(
      z.object({
        status: z.array(ZTicketStatusSchema).optional(),
        priority: z.array(z.enum(TICKET_PRIORITIES)).optional(),
        category: z.array(z.enum(TICKET_CATEGORIES)).optional(),
        assignee: z.string().max(100).optional(),
        team: z.string().max(100).optional(),
        query: z.string().max(200).optional(),
      }),
    )
    .query(({ ctx, input }) => listSupportQueue(ctx.db, { ...input, assignee: input.assignee === "me" ? ctx.user.id : input.assignee }, ctx.now)),
  ticket: staffProcedure
    .input(ZTicketRef)
    .output(ZTicketSchema)
    .query(({ ctx, input }) => getTicket(ctx.db, { ticketId: input.ticketId, viewer: ctx.user, now: ctx.now })),
  reply: staffProcedure.input(ZTicketRef.extend(ZTicketMessageSchema.shape).extend({ internal: z.boolean().default(false) })).mutation(({ ctx, input }) =>
    addTicketMessage(ctx.db, {
      ticketId: input.ticketId,
      viewer: ctx.user,
      message: input.message,
      isInternal: input.internal,
      mailer: ctx.mailer,
      now: ctx.now,
      onWebhookEvents: ctx.onWebhookEvents,
    }),
  ),
  setStatus: staffProcedure.input(ZTicketRef.extend({ status: ZTicketStatusSchema })).mutation(({ ctx, input }) =>
    setTicketStatus(ctx.db, {
      ticketId: input.ticketId,
      viewer: ctx.user,
      status: input.status,
      mailer: ctx.mailer,
      now: ctx.now,
      onWebhookEvents: ctx.onWebhookEvents,
    }),
  ),
  assign: staffProcedure
    .input(ZTicketRef.extend({ assigneeId: z.string().min(1).nullable() }))
    .mutation(({ ctx, input }) => assignTicket(ctx.db, { ticketId: input.ticketId, assigneeId: input.assigneeId === "me" ? ctx.user.id : input.assigneeId })),
  staff: staffProcedure.query(({ ctx }) => listStaff(ctx.db)),
  cannedReplies: cannedRepliesRouter,
  /** The team's billing context beside the ticket (spec 19), in one call. */
  teamContext: staffProcedure
    .input(ZTicketRef)
    .query(async ({ ctx, input }) =>
      getTeamContext(ctx.db, { ticketId: input.ticketId, actor: ctx.user, now: ctx.now, locale: await ctx.locale(), creditMaxEur: ctx.supportCreditMaxEur }),
    ),
  /** Asks the payment's provider now and applies its answer (spec 19); a settled payment is followed up after the answer. */
  recheckPayment: staffProcedure.input(ZTicketRef.extend({ paymentId: z.string().min(1).max(100) })).mutation(async ({ ctx, input }) => {
    const r = await recheckPayment(ctx.db, ctx.payments(), { ticketId: input.ticketId, paymentId: input.paymentId, actor: ctx.user, now: ctx.now });
    if (r.settled) ctx.onPaymentCompleted(r.team_id);
    return r;
  }),
  /** 1 to 30 goodwill days of Pro (a Free team starts Pro); 409 while a Stripe subscription renews the team. */
  extendPro: staffProcedure.input(ZTicketRef.extend({ days: z.number().int().min(1).max(EXTEND_PRO_MAX_DAYS) })).mutation(async ({ ctx, input }) => {
    const r = await extendPro(ctx.db, { ticketId: input.ticketId, days: input.days, actor: ctx.user, now: ctx.now });
    // Pro's limits may lift a suspension: the team is evaluated after the answer.
    ctx.onPaymentCompleted(r.team_id);
    return r;
  }),
  /** 48 hours of grace: the team's projects active again, and the limit check leaves them alone until then. */
  liftSuspension: staffProcedure.input(ZTicketRef).mutation(async ({ ctx, input }) => {
    const r = await liftSuspension(ctx.db, { ticketId: input.ticketId, actor: ctx.user, now: ctx.now });
    if (r.reactivated_project_ids.length) {
      ctx.onWebhookEvents(r.team_id);
      ctx.onProjectsReactivated({ teamIds: [r.team_id], wokenProjectIds: r.reactivated_project_ids });
    }
    return r;
  }),
  /** A `credit` balance entry, `amount` in the team's major units, at most SUPPORT_CREDIT_MAX euros (converted for francs), with a reason. */
  grantCredit: staffProcedure
    .input(ZTicketRef.extend({ amount: z.number().positive(), reason: z.string().trim().min(3).max(500) }))
    .mutation(({ ctx, input }) =>
      grantCredit(ctx.db, {
        ticketId: input.ticketId,
        amount: input.amount,
        reason: input.reason,
        actor: ctx.user,
        maxEur: ctx.supportCreditMaxEur,
        now: ctx.now,
      }),
    ),
  stats: staffProcedure.input(z.object({ team: z.string().max(100).optional() })).query(async ({ ctx, input }) => {
    const teamId = input.team ? await resolveTeamId(ctx.db, input.team) : undefined;
    return getTicketStats(ctx.db, { teamId, now: ctx.now });
  }),
});
