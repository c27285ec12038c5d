import { eq } from "drizzle-orm";
import { clock } from "../src/lib/clock";
import { newId } from "../src/lib/ids";
import type { TPlanId } from "../src/lib/plans";
import type { DbHandle } from "../src/server/db/client";
import { project, team, teamMember, teamSubscription } from "../src/server/db/schema";
import type { TSessionUser } from "../src/server/api/context";
import { insertUser, uniqueSlug } from "./db";

/** A team with an owner and `projects` projects, written directly (no plan checks): a test's starting state. */
export async function insertTeam(h: DbHandle, opts: { plan?: TPlanId; projects?: number; owner?: TSessionUser } = {}) {
  const owner = opts.owner ?? (await insertUser(h));
  const t = { id: newId("team"), slug: uniqueSlug(), name: "Fixture team" };
  await h.db.insert(team).values(t);
  await h.db.insert(teamMember).values({ teamId: t.id, userId: owner.id, role: "owner" });
  await h.db.insert(teamSubscription).values({
    id: newId("sub"),
    teamId: t.id,
    planId: opts.plan ?? "free",
    currentPeriodEnd: opts.plan === "pay_as_you_go" ? new Date(clock.nowMs() + 30 * 86_400_000) : null,
  });
  const projects: { id: string; slug: string }[] = [];
  for (let i = 0; i < (opts.projects ?? 1); i++) {
    const p = { id: newId("prj"), teamId: t.id, name: `project-${i + 1}`, slug: `project-${i + 1}` };
    await h.db.insert(project).values(p);
    projects.push({ id: p.id, slug: p.slug });
  }
  return { team: t, owner, projects };
}

export async function setPlan(h: DbHandle, teamId: string, plan: TPlanId) {
  await h.db.update(teamSubscription).set({ planId: plan }).where(eq(teamSubscription.teamId, teamId));
}

/**
 * A Mobile Money payer the sandbox leaves to the hosted page's Pay / Fail (its number ends in none
 * of the test numbers of spec 14.4): an Orange Money number of Côte d'Ivoire.
 */
export const TEST_PAYER = { payer_phone: "+225 07 07 12 34 56", operator: "orange_money" } as const;
