import { createTRPCRouter, protectedProcedure } from "./trpc";
import { projectsRouter } from "./routers/projects";
import { teamsRouter } from "./routers/teams";
import { tokensRouter } from "./routers/tokens";

export const appRouter = createTRPCRouter({
  me: protectedProcedure.query(({ ctx }) => ctx.user),
  teams: teamsRouter,
  projects: projectsRouter,
  tokens: tokensRouter,
});

export type AppRouter = typeof appRouter;
