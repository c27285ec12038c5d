/** A project's statuses and their moves (spec 1, 5 and 6), the one place they are written. */
export const PROJECT_STATUSES = ["active", "suspended", "inactive"] as const;
export type TProjectStatus = (typeof PROJECT_STATUSES)[number];

export const PROJECT_MOVES = {
  /** The team's usage reached 100 % of a limit (section 5). */
  suspend: { from: ["active"], to: "suspended" },
  /** Back under the limits: a new month, an upgrade, an add-on, a support grace. */
  reactivate: { from: ["suspended"], to: "active" },
  /** A Free project without traffic for 14 days (section 6). */
  sleep: { from: ["active"], to: "inactive" },
  /** Traffic reported for an inactive project wakes it. */
  wake: { from: ["inactive"], to: "active" },
} as const satisfies Record<string, { from: readonly TProjectStatus[]; to: TProjectStatus }>;
