/** Who may do what (spec 1): the global roles and the roles in a team, shared by the API and the UI. */
export const GLOBAL_ROLES = ["user", "support", "admin"] as const;
export type TGlobalRole = (typeof GLOBAL_ROLES)[number];

export const TEAM_ROLES = ["owner", "admin", "member"] as const;
export type TTeamRole = (typeof TEAM_ROLES)[number];

export const TEAM_ROLE_RANK: Record<TTeamRole, number> = { member: 1, admin: 2, owner: 3 };

/** A member's role is at least `minRole` (owner > admin > member); no role (not a member) never is. */
export function hasTeamRole(role: TTeamRole | null, minRole: TTeamRole): boolean {
  return role !== null && TEAM_ROLE_RANK[role] >= TEAM_ROLE_RANK[minRole];
}

/** Support staff and admins work the support console (and see internal notes). */
export function isStaff(role: TGlobalRole): boolean {
  return role === "support" || role === "admin";
}
