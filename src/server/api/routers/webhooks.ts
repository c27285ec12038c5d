import { z } from "zod";
import { ZCreateWebhookEndpointSchema } from "@/lib/schemas/webhooks";
import { createTRPCRouter, teamProcedure } from "@/server/api/trpc";
import { listDeliveries, replayDelivery, sendTestEvent } from "@/server/services/webhooks/delivery";
import { addEndpoint, listEndpoints, removeEndpoint, rotateSecret, setEndpointEnabled } from "@/server/services/webhooks/endpoints";

const MANAGE = { action: "manage the team's webhooks" };
const ZId = z.string().trim().min(1).max(100);

/** Outbound webhooks (spec 18.1), owners and admins of the team; another team's endpoint or delivery is NOT_FOUND. */
export const webhooksRouter = createTRPCRouter({
  endpoints: teamProcedure("admin", MANAGE).query(({ ctx }) => listEndpoints(ctx.db, ctx.access, ctx.now)),
  /** Answers the endpoint and its `whsec_` secret, the one time it is shown. */
  addEndpoint: teamProcedure("admin", MANAGE)
    .input(ZCreateWebhookEndpointSchema)
    .mutation(({ ctx, input }) =>
      addEndpoint(ctx.db, ctx.access, { url: input.url, eventTypes: input.event_types, description: input.description, userId: ctx.user.id }, { now: ctx.now }),
    ),
  removeEndpoint: teamProcedure("admin", MANAGE)
    .input(z.object({ id: ZId }))
    .mutation(({ ctx, input }) => removeEndpoint(ctx.db, ctx.access, input.id)),
  /** A new secret, shown once; the old one keeps signing for 24 hours. */
  rotateSecret: teamProcedure("admin", MANAGE)
    .input(z.object({ id: ZId }))
    .mutation(({ ctx, input }) => rotateSecret(ctx.db, ctx.access, input.id, ctx.now)),
  setEnabled: teamProcedure("admin", MANAGE)
    .input(z.object({ id: ZId, enabled: z.boolean() }))
    .mutation(({ ctx, input }) => setEndpointEnabled(ctx.db, ctx.access, input.id, input.enabled, ctx.now)),
  deliveries: teamProcedure("admin", MANAGE)
    .input(z.object({ endpoint_id: ZId.optional(), limit: z.number().int().min(1).max(200).optional() }))
    .query(({ ctx, input }) => listDeliveries(ctx.db, ctx.access, { endpointId: input.endpoint_id, limit: input.limit })),
  sendTest: teamProcedure("admin", MANAGE)
    .input(z.object({ id: ZId }))
    .mutation(({ ctx, input }) => sendTestEvent(ctx.db, ctx.access, input.id, { now: ctx.now })),
  replay: teamProcedure("admin", MANAGE)
    .input(z.object({ delivery_id: ZId }))
    .mutation(({ ctx, input }) => replayDelivery(ctx.db, ctx.access, input.delivery_id, { now: ctx.now })),
});
