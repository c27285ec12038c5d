import { type TGlobalRole, type TTeamRole } from "@/lib/roles";
import { and, eq, inArray, sql } from "drizzle-orm";
import { newId } from "@/lib/ids";
import { PLANS } from "@/lib/plans";
import type { Db } from "./client";
import { generateDemoUsage, type TDemoProjectShape } from "./demo-usage";
import { project, projectUsageDaily, supportMessage, supportTicket, team, teamMember, teamSubscription, user } from "./schema";
import { clock } from "@/lib/clock";

export const DEMO_PASSWORD = "servelink-demo";

export const DEMO_USERS: { email: string; name: string; role: TGlobalRole }[] = [
  { email: "alice@demo.servelink.dev", name: "Alice Martin", role: "user" },
  { email: "bob@demo.servelink.dev", name: "Bob Diallo", role: "user" },
  { email: "carol@demo.servelink.dev", name: "Carol Nguyen", role: "support" },
  { email: "dave@demo.servelink.dev", name: "Dave Mensah", role: "user" },
  { email: "erin@demo.servelink.dev", name: "Erin Kouassi", role: "admin" },
];

interface TDemoTeam {
  slug: string;
  name: string;
  plan: "free" | "pay_as_you_go";
  members: { email: string; role: TTeamRole }[];
  trafficShare: number;
  projects: (TDemoProjectShape & { slug: string; name: string })[];
}

const MB = 1024 ** 2;

export const DEMO_TEAMS: TDemoTeam[] = [
  {
    slug: "acme",
    name: "Acme",
    plan: "pay_as_you_go",
    members: [
      { email: "alice@demo.servelink.dev", role: "owner" },
      { email: "dave@demo.servelink.dev", role: "member" },
    ],
    trafficShare: 0.45,
    projects: [
      { key: "acme-web", slug: "acme-web", name: "acme-web", weight: 5, storageBytes: 1200 * MB, storageGrowth: 0.002 },
      { key: "acme-api", slug: "acme-api", name: "acme-api", weight: 3, storageBytes: 800 * MB, storageGrowth: 0.003 },
      { key: "acme-worker", slug: "acme-worker", name: "acme-worker", weight: 1, storageBytes: 300 * MB, storageGrowth: 0.001 },
    ],
  },
  {
    slug: "hobby",
    name: "Hobby",
    plan: "free",
    members: [{ email: "bob@demo.servelink.dev", role: "owner" }],
    trafficShare: 0.7,
    projects: [
      { key: "blog", slug: "blog", name: "blog", weight: 3, storageBytes: 30 * MB, storageGrowth: 0.002 },
      { key: "portfolio", slug: "portfolio", name: "portfolio", weight: 1, storageBytes: 15 * MB, storageGrowth: 0.001 },
    ],
  },
];

export type TSignUp = (input: { email: string; password: string; name: string }) => Promise<unknown>;

/**
 * Writes the demo data. Idempotent: everything is inserted only when missing, so a second run on
 * the same day changes nothing (a run on a later day adds the days since).
 */
export async function seedDemoData(db: Db, signUp: TSignUp, now = clock.now()): Promise<void> {
  const daysBefore = (days: number) => new Date(now.getTime() - days * 86_400_000);
  const userIds = new Map<string, string>();
  for (const u of DEMO_USERS) {
    let [row] = await db.select({ id: user.id }).from(user).where(eq(user.email, u.email));
    if (!row) {
      await signUp({ email: u.email, password: DEMO_PASSWORD, name: u.name });
      [row] = await db.select({ id: user.id }).from(user).where(eq(user.email, u.email));
      if (!row) throw new Error(`sign-up of ${u.email} did not create a user`);
      // Dated before everything else the seed writes, never after its own `now`.
      await db
        .update(user)
        .set({ role: u.role, createdAt: daysBefore(121), updatedAt: daysBefore(121) })
        .where(eq(user.id, row.id));
    }
    userIds.set(u.email, row.id);
  }

  for (const t of DEMO_TEAMS) {
    await db.transaction(async (tx) => {
      await tx
        .insert(team)
        .values({ id: newId("team"), slug: t.slug, name: t.name, createdAt: daysBefore(120) })
        .onConflictDoNothing({ target: team.slug });
      const [teamRow] = await tx.select({ id: team.id }).from(team).where(eq(team.slug, t.slug));
      const teamId = teamRow!.id;
      await tx
        .insert(teamSubscription)
        .values({
          id: newId("sub"),
          teamId,
          planId: t.plan,
          status: "active",
          currentPeriodEnd: t.plan === "free" ? null : new Date(now.getTime() + 20 * 86_400_000),
          createdAt: daysBefore(120),
          updatedAt: t.plan === "free" ? daysBefore(120) : daysBefore(10),
        })
        .onConflictDoNothing({ target: teamSubscription.teamId });
      for (const m of t.members) {
        await tx
          .insert(teamMember)
          .values({ teamId, userId: userIds.get(m.email)!, role: m.role, createdAt: daysBefore(120) })
          .onConflictDoNothing();
      }
      for (const p of t.projects) {
        await tx
          .insert(project)
          .values({ id: newId("prj"), teamId, name: p.name, slug: p.slug, createdAt: daysBefore(120) })
          .onConflictDoNothing();
      }
      const projects = await tx.select({ id: project.id, slug: project.slug }).from(project).where(eq(project.teamId, teamId));
      const idBySlug = new Map(projects.map((p) => [p.slug, p.id]));

      const days = generateDemoUsage(t.projects, {
        now,
        days: 90,
        monthlyLimitGb: PLANS[t.plan].maxTrafficGbPerMonth,
        targetShareOfLimit: t.trafficShare,
      });
      const rows = days.map((d) => ({
        projectId: idBySlug.get(d.projectKey)!,
        day: d.day,
        trafficBytes: d.trafficBytes,
        requests: d.requests,
        storageBytes: d.storageBytes,
      }));
      for (let i = 0; i < rows.length; i += 500) {
        await tx
          .insert(projectUsageDaily)
          .values(rows.slice(i, i + 500))
          .onConflictDoNothing();
      }
      const projectIds = [...idBySlug.values()];
      // Monthly rows are the sums of the daily rows (storage: the month's latest figure), as ingest keeps them.
      await tx.execute(sql`
        insert into project_usage (id, project_id, year, month, traffic_bytes, storage_bytes, created_at, updated_at)
        select 'use_' || md5(d.project_id || d.y || '-' || d.m), d.project_id, d.y, d.m, d.traffic, d.storage, ${now.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz
        from (
          select project_id,
                 extract(year from day)::int as y,
                 extract(month from day)::int as m,
                 sum(traffic_bytes)::bigint as traffic,
                 (array_agg(storage_bytes order by day desc))[1] as storage
          from project_usage_daily
          where project_id in ${sql`(${sql.join(
            projectIds.map((id) => sql`${id}`),
            sql`, `,
          )})`}
          group by 1, 2, 3
        ) d
        on conflict (project_id, year, month)
        do update set traffic_bytes = excluded.traffic_bytes, storage_bytes = excluded.storage_bytes, updated_at = excluded.updated_at
        where project_usage.traffic_bytes is distinct from excluded.traffic_bytes
           or project_usage.storage_bytes is distinct from excluded.storage_bytes
      `);
      // The demo's traffic runs up to the seeding time (never after it: spec 13).
      await tx
        .update(project)
        .set({ lastTrafficAt: new Date(now.getTime() - 3 * 60_000) })
        .where(and(inArray(project.id, projectIds), sql`${project.lastTrafficAt} is null`));
    });
  }

  await seedTickets(db, userIds, now);
}

async function seedTickets(db: Db, userIds: Map<string, string>, now: Date): Promise<void> {
  const hours = (h: number) => new Date(now.getTime() - h * 3_600_000);
  const carol = userIds.get("carol@demo.servelink.dev")!;
  type TReply = { author: string; type: "user" | "support"; message: string; at: Date; internal?: boolean };
  const tickets: {
    team: string;
    author: string;
    subject: string;
    description: string;
    category: "technical" | "billing" | "feature_request";
    priority: "normal" | "high";
    status: "open" | "resolved";
    createdAt: Date;
    replies: TReply[];
  }[] = [
    {
      team: "acme",
      author: "alice@demo.servelink.dev",
      subject: "Deploy of acme-api fails after the Node upgrade",
      description: "Since this morning the acme-api container exits right after start with code 1. The logs mention a missing module. Can you help?",
      category: "technical",
      priority: "high",
      status: "open",
      createdAt: hours(3),
      replies: [],
    },
    {
      team: "acme",
      author: "alice@demo.servelink.dev",
      subject: "Invoice for last month",
      description: "Could you send the invoice for last month's Pro renewal to our accounting address?",
      category: "billing",
      priority: "high",
      status: "resolved",
      createdAt: hours(24 * 12),
      replies: [
        {
          author: "carol@demo.servelink.dev",
          type: "support",
          message: "Hello Alice, the invoice is now available on the Billing page, and we sent a copy to your accounting address.",
          at: hours(24 * 12 - 2),
        },
      ],
    },
    {
      team: "hobby",
      author: "bob@demo.servelink.dev",
      subject: "Custom domain for my blog",
      description: "Is it possible to use my own domain name for the blog project on the Free plan?",
      category: "feature_request",
      priority: "normal",
      status: "open",
      createdAt: hours(20),
      replies: [],
    },
  ];
  for (const t of tickets) {
    const [teamRow] = await db.select({ id: team.id }).from(team).where(eq(team.slug, t.team));
    const [exists] = await db
      .select({ id: supportTicket.id })
      .from(supportTicket)
      .where(and(eq(supportTicket.teamId, teamRow!.id), eq(supportTicket.subject, t.subject)));
    if (exists) continue;
    await db.transaction(async (tx) => {
      const ticketId = newId("tkt");
      const firstReply = t.replies.find((r) => r.type === "support");
      await tx.insert(supportTicket).values({
        id: ticketId,
        teamId: teamRow!.id,
        userId: userIds.get(t.author)!,
        subject: t.subject,
        description: t.description,
        category: t.category,
        priority: t.priority,
        status: t.status,
        assignedTo: firstReply ? carol : null,
        createdAt: t.createdAt,
        firstResponseAt: firstReply?.at ?? null,
        resolvedAt: t.status === "resolved" ? hours(24 * 11) : null,
      });
      await tx.insert(supportMessage).values([
        { id: newId("msg"), ticketId, userId: userIds.get(t.author)!, authorType: "user", message: t.description, createdAt: t.createdAt },
        ...t.replies.map((r) => ({
          id: newId("msg"),
          ticketId,
          userId: userIds.get(r.author)!,
          authorType: r.type,
          message: r.message,
          isInternal: r.internal ?? false,
          createdAt: r.at,
        })),
      ]);
    });
  }
}
