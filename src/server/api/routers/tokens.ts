import { z } from "zod";
import { createApiToken, listApiTokens, revokeApiToken } from "@/server/services/tokens/api-tokens";
import { createTRPCRouter, protectedProcedure } from "@/server/api/trpc";

export const tokensRouter = createTRPCRouter({
  list: protectedProcedure.query(({ ctx }) => listApiTokens(ctx.db, ctx.user.id)),
  /** Returns the secret once; it cannot be read again. */
  create: protectedProcedure
    .input(z.object({ name: z.string().trim().min(1).max(100) }))
    .mutation(({ ctx, input }) => createApiToken(ctx.db, { userId: ctx.user.id, name: input.name })),
  revoke: protectedProcedure.input(z.object({ id: z.string().min(1) })).mutation(async ({ ctx, input }) => {
    await revokeApiToken(ctx.db, { userId: ctx.user.id, tokenId: input.id });
    return { id: input.id, revoked: true };
  }),
});
