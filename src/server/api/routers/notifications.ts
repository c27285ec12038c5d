import { z } from "zod";
import { listNotifications, markNotificationsRead } from "@/server/services/notifications/notifications";
import { createTRPCRouter, protectedProcedure } from "@/server/api/trpc";

export const notificationsRouter = createTRPCRouter({
  /** The caller's notifications (their teams' and their own), newest first, with the unread count, in the caller's language. */
  list: protectedProcedure
    .input(z.object({ limit: z.number().int().min(1).max(100).default(30) }).optional())
    .query(async ({ ctx, input }) => listNotifications(ctx.db, { userId: ctx.user.id, limit: input?.limit, locale: await ctx.locale() })),
  /** Marks the given notifications read, or all of them when `ids` is omitted. */
  markRead: protectedProcedure
    .input(z.object({ ids: z.array(z.string().min(1)).max(100).optional() }))
    .mutation(({ ctx, input }) => markNotificationsRead(ctx.db, { userId: ctx.user.id, ids: input.ids })),
});
