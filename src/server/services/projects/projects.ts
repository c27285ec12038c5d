import { and, asc, count, eq, sql } from "drizzle-orm";
import { newId } from "@/lib/ids";
import { PLANS, fitsLimit } from "@/lib/plans";
import { ZProjectSlugSchema, slugify } from "@/lib/slug";
import type { Db } from "@/server/db/client";
import { project, teamSubscription } from "@/server/db/schema";
import { DomainError } from "@/server/errors";
import { planLimitError } from "@/server/services/teams/teams";

export const PROJECT_COLUMNS = {
  id: project.id,
  name: project.name,
  slug: project.slug,
  status: project.status,
  lastTrafficAt: project.lastTrafficAt,
  createdAt: project.createdAt,
};

export async function listProjects(db: Db, teamId: string) {
  return db.select(PROJECT_COLUMNS).from(project).where(eq(project.teamId, teamId)).orderBy(asc(project.name));
}

/** Registers a project in a team, within the plan's project limit (checked with the team row locked). */
export async function createProject(db: Db, input: { teamId: string; name: string; slug?: string }) {
  const name = input.name.trim();
  if (name.length < 1 || name.length > 100) throw new DomainError("BAD_REQUEST", "name: must be 1 to 100 characters");
  const parsed = ZProjectSlugSchema.safeParse(input.slug?.trim() || slugify(name));
  if (!parsed.success) throw new DomainError("BAD_REQUEST", `slug: ${parsed.error.issues[0]?.message ?? "invalid"}`);
  const slug = parsed.data;
  return db.transaction(async (tx) => {
    await tx.execute(sql`select id from team where id = ${input.teamId} for update`);
    const [sub] = await tx.select({ plan: teamSubscription.planId }).from(teamSubscription).where(eq(teamSubscription.teamId, input.teamId));
    const plan = sub?.plan ?? "free";
    const [{ n } = { n: 0 }] = await tx.select({ n: count() }).from(project).where(eq(project.teamId, input.teamId));
    const limit = PLANS[plan].maxProjects;
    if (!fitsLimit(n, limit)) throw planLimitError(`${limit} projects per team`, limit, plan);
    const [dup] = await tx
      .select({ id: project.id })
      .from(project)
      .where(and(eq(project.teamId, input.teamId), eq(project.slug, slug)));
    if (dup) throw new DomainError("CONFLICT", `This team already has a project with the slug "${slug}".`, { reason: "slug_taken" });
    const [row] = await tx
      .insert(project)
      .values({ id: newId("prj"), teamId: input.teamId, name, slug, status: "active" })
      .returning(PROJECT_COLUMNS);
    return row!;
  });
}
