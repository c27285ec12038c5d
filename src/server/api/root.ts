import { createTRPCRouter, protectedProcedure } from "./trpc";
import { projectsRouter } from "./routers/projects";
import { teamsRouter } from "./routers/teams";
import { tokensRouter } from "./routers/tokens";
import { usageRouter } from "./routers/usage";
import { paymentsRouter } from "./routers/payments";
import { addonsRouter } from "./routers/addons";
import { supportRouter, ticketsRouter } from "./routers/tickets";
import { notificationsRouter } from "./routers/notifications";
import { billingRouter } from "./routers/billing";
import { balanceRouter } from "./routers/balance";
import { documentsRouter } from "./routers/documents";
import { adminRouter } from "./routers/admin";
import { webhooksRouter } from "./routers/webhooks";

export const appRouter = createTRPCRouter({
  me: protectedProcedure.query(({ ctx }) => ctx.user),
  teams: teamsRouter,
  projects: projectsRouter,
  tokens: tokensRouter,
  usage: usageRouter,
  payments: paymentsRouter,
  billing: billingRouter,
  balance: balanceRouter,
  documents: documentsRouter,
  addons: addonsRouter,
  tickets: ticketsRouter,
  support: supportRouter,
  notifications: notificationsRouter,
  admin: adminRouter,
  webhooks: webhooksRouter,
});

export type AppRouter = typeof appRouter;
