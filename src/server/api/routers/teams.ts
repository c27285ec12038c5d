import { TEAM_ROLES } from "@/lib/roles";
import { z } from "zod";

import { listProjects } from "@/server/services/projects/projects";
import { addMember, changeMemberRole, createTeam, listMembers, listTeamsForUser, removeMember } from "@/server/services/teams/teams";
import { createTRPCRouter, protectedProcedure, teamProcedure } from "@/server/api/trpc";

const ZRoleSchema = z.enum(TEAM_ROLES);

export const teamsRouter = createTRPCRouter({
  /** The caller's teams: slug, name, role and plan. */
  list: protectedProcedure.query(async ({ ctx }) => {
    const teams = await listTeamsForUser(ctx.db, ctx.user.id);
    return teams.map((t) => ({ id: t.id, slug: t.slug, name: t.name, role: t.role, plan: t.plan, currentPeriodEnd: t.currentPeriodEnd }));
  }),

  /** One team with its plan and projects (the Overview). */
  get: teamProcedure().query(async ({ ctx }) => {
    const projects = await listProjects(ctx.db, ctx.access.team.id);
    return { ...ctx.access.team, plan: ctx.access.plan, currentPeriodEnd: ctx.access.currentPeriodEnd, role: ctx.access.role, projects };
  }),

  create: protectedProcedure
    .input(z.object({ name: z.string().trim().min(1).max(100), slug: z.string().trim().min(1).max(40) }))
    .mutation(({ ctx, input }) => createTeam(ctx.db, { userId: ctx.user.id, name: input.name, slug: input.slug })),

  members: teamProcedure().query(({ ctx }) => listMembers(ctx.db, ctx.access.team.id)),

  addMember: teamProcedure("admin", { action: "add members" })
    .input(z.object({ email: z.email(), role: ZRoleSchema.default("member") }))
    .mutation(({ ctx, input }) => addMember(ctx.db, { teamId: ctx.access.team.id, actorRole: ctx.access.role, email: input.email, role: input.role })),

  changeRole: teamProcedure("admin", { action: "change members' roles" })
    .input(z.object({ userId: z.string().min(1), role: ZRoleSchema }))
    .mutation(({ ctx, input }) => changeMemberRole(ctx.db, { teamId: ctx.access.team.id, actorRole: ctx.access.role, userId: input.userId, role: input.role })),

  removeMember: teamProcedure("admin", { action: "remove members" })
    .input(z.object({ userId: z.string().min(1) }))
    .mutation(({ ctx, input }) => removeMember(ctx.db, { teamId: ctx.access.team.id, actorRole: ctx.access.role, userId: input.userId })),
});
