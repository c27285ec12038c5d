import { z } from "zod";
import { createProject, listProjects } from "@/server/services/projects/projects";
import { createTRPCRouter, teamProcedure } from "@/server/api/trpc";

export const projectsRouter = createTRPCRouter({
  list: teamProcedure().query(({ ctx }) => listProjects(ctx.db, ctx.access.team.id)),
  create: teamProcedure("admin", { action: "create projects" })
    .input(z.object({ name: z.string().trim().min(1).max(100), slug: z.string().trim().max(40).optional() }))
    .mutation(({ ctx, input }) => createProject(ctx.db, { teamId: ctx.access.team.id, name: input.name, slug: input.slug })),
});
