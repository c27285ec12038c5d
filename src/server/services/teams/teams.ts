import { hasTeamRole, type TGlobalRole, type TTeamRole } from "@/lib/roles";
import { and, asc, count, eq, or, sql } from "drizzle-orm";
import { newId } from "@/lib/ids";
import { PLANS, fitsLimit, isUnlimited, type TPlanId } from "@/lib/plans";
import { ZTeamSlugSchema } from "@/lib/slug";
import type { Db } from "@/server/db/client";
import { team, teamMember, teamSubscription, user } from "@/server/db/schema";
import { DomainError, notFound } from "@/server/errors";
import { clock } from "@/lib/clock";

export interface TTeamSummary {
  id: string;
  slug: string;
  name: string;
  role: TTeamRole;
  plan: TPlanId;
  currentPeriodEnd: Date | null;
}

/** The caller's teams, with their role and the team's current plan, alphabetically. */
export async function listTeamsForUser(db: Db, userId: string): Promise<TTeamSummary[]> {
  return db
    .select({
      id: team.id,
      slug: team.slug,
      name: team.name,
      role: teamMember.role,
      plan: teamSubscription.planId,
      currentPeriodEnd: teamSubscription.currentPeriodEnd,
    })
    .from(teamMember)
    .innerJoin(team, eq(team.id, teamMember.teamId))
    .innerJoin(teamSubscription, eq(teamSubscription.teamId, team.id))
    .where(eq(teamMember.userId, userId))
    .orderBy(asc(team.name));
}

export interface TTeamAccess {
  team: { id: string; slug: string; name: string; createdAt: Date };
  plan: TPlanId;
  currentPeriodEnd: Date | null;
  /** The caller's role in the team; null when a staff member looks at a team they do not belong to. */
  role: TTeamRole | null;
}

/** Finds a team by its slug (in any case) or its id, either with spaces around it. */
export function teamByRef(ref: string) {
  const trimmed = ref.trim();
  return or(eq(team.slug, trimmed.toLowerCase()), eq(team.id, trimmed));
}

/**
 * Resolves a team by slug or id for a caller. Members get their role; global admins (and, where
 * `allowSupport` is set, support staff) get `role: null`; everyone else gets NOT_FOUND, exactly as
 * for a team that does not exist, so nobody learns that it does.
 */
export async function getTeamAccess(db: Db, input: { teamRef: string; userId: string; globalRole: TGlobalRole; allowSupport?: boolean }): Promise<TTeamAccess> {
  const [row] = await db
    .select({
      id: team.id,
      slug: team.slug,
      name: team.name,
      createdAt: team.createdAt,
      plan: teamSubscription.planId,
      currentPeriodEnd: teamSubscription.currentPeriodEnd,
      role: teamMember.role,
    })
    .from(team)
    .innerJoin(teamSubscription, eq(teamSubscription.teamId, team.id))
    .leftJoin(teamMember, and(eq(teamMember.teamId, team.id), eq(teamMember.userId, input.userId)))
    .where(teamByRef(input.teamRef))
    .limit(1);
  const staffMayLook = input.globalRole === "admin" || (input.allowSupport === true && input.globalRole === "support");
  if (!row || (!row.role && !staffMayLook)) throw notFound("Team");
  return {
    team: { id: row.id, slug: row.slug, name: row.name, createdAt: row.createdAt },
    plan: row.plan,
    currentPeriodEnd: row.currentPeriodEnd,
    role: row.role ?? null,
  };
}

/** Throws FORBIDDEN unless the caller holds at least `minRole` in the team. */
export function assertTeamRole(access: TTeamAccess, minRole: TTeamRole, action: string): void {
  if (!hasTeamRole(access.role, minRole)) {
    const who = minRole === "owner" ? "the team's owners" : minRole === "admin" ? "the team's owners and admins" : "members of the team";
    throw new DomainError("FORBIDDEN", `Only ${who} may ${action}.`, { reason: "insufficient_role" });
  }
}

function planLimitError(what: string, limit: number, plan: TPlanId): DomainError {
  const advice = plan === "free" ? "Upgrade the team to Pro on its Billing page to raise this limit." : "Contact support to raise this limit.";
  return new DomainError("FORBIDDEN", `The ${PLANS[plan].name} plan allows ${what}. ${advice}`, {
    reason: "plan_limit_reached",
    details: { limit, plan },
  });
}

/**
 * Creates a team owned by the user, on the Free plan. A user may own as many teams as the best
 * plan among the teams they own allows (Free: 1); the check holds under concurrent calls because
 * the user's row is locked for the transaction.
 */
export async function createTeam(db: Db, input: { userId: string; name: string; slug: string }) {
  const name = input.name.trim();
  if (name.length < 1 || name.length > 100) throw new DomainError("BAD_REQUEST", "name: must be 1 to 100 characters");
  const parsedSlug = ZTeamSlugSchema.safeParse(input.slug);
  if (!parsedSlug.success) throw new DomainError("BAD_REQUEST", `slug: ${parsedSlug.error.issues[0]?.message ?? "invalid"}`);
  const slug = parsedSlug.data;

  return db.transaction(async (tx) => {
    await tx.execute(sql`select id from "user" where id = ${input.userId} for update`);
    const owned = await tx
      .select({ plan: teamSubscription.planId })
      .from(teamMember)
      .innerJoin(teamSubscription, eq(teamSubscription.teamId, teamMember.teamId))
      .where(and(eq(teamMember.userId, input.userId), eq(teamMember.role, "owner")));
    const bestLimit = owned.some((o) => isUnlimited(PLANS[o.plan].maxTeams)) ? -1 : Math.max(PLANS.free.maxTeams, ...owned.map((o) => PLANS[o.plan].maxTeams));
    if (!fitsLimit(owned.length, bestLimit)) {
      throw new DomainError(
        "FORBIDDEN",
        `You already own ${owned.length} team${owned.length === 1 ? "" : "s"}, and the Free plan allows ${PLANS.free.maxTeams} team per owner. Upgrade one of your teams to Pro to create more.`,
        { reason: "plan_limit_reached", details: { limit: bestLimit, plan: "free" } },
      );
    }
    const [taken] = await tx.select({ id: team.id }).from(team).where(eq(team.slug, slug)).limit(1);
    if (taken) throw new DomainError("CONFLICT", `The slug "${slug}" is already taken; choose another.`, { reason: "slug_taken" });

    const created = { id: newId("team"), slug, name, createdAt: clock.now() };
    await tx.insert(team).values(created);
    await tx.insert(teamMember).values({ teamId: created.id, userId: input.userId, role: "owner" });
    await tx.insert(teamSubscription).values({ id: newId("sub"), teamId: created.id, planId: "free", status: "active" });
    return { ...created, role: "owner" as const, plan: "free" as const };
  });
}

export interface TMemberRow {
  userId: string;
  email: string;
  name: string;
  role: TTeamRole;
  joinedAt: Date;
}

export async function listMembers(db: Db, teamId: string): Promise<TMemberRow[]> {
  return db
    .select({ userId: user.id, email: user.email, name: user.name, role: teamMember.role, joinedAt: teamMember.createdAt })
    .from(teamMember)
    .innerJoin(user, eq(user.id, teamMember.userId))
    .where(eq(teamMember.teamId, teamId))
    .orderBy(asc(teamMember.createdAt));
}

function assertMayGrant(actorRole: TTeamRole | null, role: TTeamRole): void {
  if (role === "owner" && actorRole !== "owner") {
    throw new DomainError("FORBIDDEN", "Only an owner may make someone an owner.", { reason: "insufficient_role" });
  }
}

/**
 * Adds an existing user (by e-mail) to the team. The plan's member limit is checked with the
 * team's row locked, so two concurrent invitations cannot both take the last seat.
 */
export async function addMember(db: Db, input: { teamId: string; actorRole: TTeamRole | null; email: string; role: TTeamRole }) {
  assertMayGrant(input.actorRole, input.role);
  const email = input.email.trim().toLowerCase();
  return db.transaction(async (tx) => {
    await tx.execute(sql`select id from team where id = ${input.teamId} for update`);
    const [sub] = await tx.select({ plan: teamSubscription.planId }).from(teamSubscription).where(eq(teamSubscription.teamId, input.teamId));
    const plan = sub?.plan ?? "free";
    const [target] = await tx.select({ id: user.id, name: user.name, email: user.email }).from(user).where(eq(user.email, email)).limit(1);
    if (!target) {
      throw new DomainError("NOT_FOUND", `No Servelink account uses ${email}. Ask them to sign up first, then add them again.`, { reason: "user_not_found" });
    }
    const [existing] = await tx
      .select({ role: teamMember.role })
      .from(teamMember)
      .where(and(eq(teamMember.teamId, input.teamId), eq(teamMember.userId, target.id)));
    if (existing) throw new DomainError("CONFLICT", `${email} is already a member of this team.`, { reason: "already_member" });
    const [{ n } = { n: 0 }] = await tx.select({ n: count() }).from(teamMember).where(eq(teamMember.teamId, input.teamId));
    const limit = PLANS[plan].maxMembers;
    if (!fitsLimit(n, limit)) throw planLimitError(limit === 1 ? "1 member per team" : `${limit} members per team`, limit, plan);
    await tx.insert(teamMember).values({ teamId: input.teamId, userId: target.id, role: input.role });
    return { userId: target.id, email: target.email, name: target.name, role: input.role };
  });
}

async function countOwners(tx: Db, teamId: string): Promise<number> {
  const [{ n } = { n: 0 }] = await tx
    .select({ n: count() })
    .from(teamMember)
    .where(and(eq(teamMember.teamId, teamId), eq(teamMember.role, "owner")));
  return n;
}

/** A member's row, read with the team locked (membership changes of one team go one at a time); NOT_FOUND otherwise. */
async function lockMember(tx: Db, teamId: string, userId: string) {
  await tx.execute(sql`select id from team where id = ${teamId} for update`);
  const [current] = await tx
    .select({ role: teamMember.role })
    .from(teamMember)
    .where(and(eq(teamMember.teamId, teamId), eq(teamMember.userId, userId)));
  if (!current) throw notFound("Member");
  return current;
}

/** Changes a member's role. Only owners touch owners, and a team always keeps at least one owner. */
export async function changeMemberRole(db: Db, input: { teamId: string; actorRole: TTeamRole | null; userId: string; role: TTeamRole }) {
  assertMayGrant(input.actorRole, input.role);
  return db.transaction(async (tx) => {
    const current = await lockMember(tx, input.teamId, input.userId);
    if (current.role === "owner" && input.actorRole !== "owner") {
      throw new DomainError("FORBIDDEN", "Only an owner may change an owner's role.", { reason: "insufficient_role" });
    }
    if (current.role === "owner" && input.role !== "owner" && (await countOwners(tx, input.teamId)) <= 1) {
      throw new DomainError("CONFLICT", "A team needs at least one owner. Make someone else an owner first.", { reason: "last_owner" });
    }
    await tx
      .update(teamMember)
      .set({ role: input.role })
      .where(and(eq(teamMember.teamId, input.teamId), eq(teamMember.userId, input.userId)));
    return { userId: input.userId, role: input.role };
  });
}

/** Removes a member. The last owner cannot be removed; only owners remove owners. */
export async function removeMember(db: Db, input: { teamId: string; actorRole: TTeamRole | null; userId: string }) {
  return db.transaction(async (tx) => {
    const current = await lockMember(tx, input.teamId, input.userId);
    if (current.role === "owner") {
      if (input.actorRole !== "owner") throw new DomainError("FORBIDDEN", "Only an owner may remove an owner.", { reason: "insufficient_role" });
      if ((await countOwners(tx, input.teamId)) <= 1) {
        throw new DomainError("CONFLICT", "A team needs at least one owner. Make someone else an owner first.", { reason: "last_owner" });
      }
    }
    await tx.delete(teamMember).where(and(eq(teamMember.teamId, input.teamId), eq(teamMember.userId, input.userId)));
  });
}

export { planLimitError };
