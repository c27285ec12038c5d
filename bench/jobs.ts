// npm run bench -- jobs: check-usage-limits over 100,000 projects in 10,000 teams, and
// update-project-storage over 2,000 labelled Docker volumes, both through the job runner.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import Docker from "dockerode";
import { JOBS } from "../inngest";
import type { TJobDeps, TJobStep } from "../inngest/deps";
import { rowsOf } from "../src/server/db/client";
import { evaluateUsageLimits } from "../src/server/services/enforcement/usage-alerts";
import { benchDatabase } from "./server";

const TEAMS = 10_000;
const PROJECTS_PER_TEAM = 10;
const VOLUMES = Number(process.env.BENCH_VOLUMES ?? 2000);

export async function benchJobs() {
  const { handle } = await benchDatabase("servelink_bench_jobs", true);
  const db = handle.db;
  const docker = new Docker({ socketPath: process.env.DOCKER_HOST?.replace(/^unix:\/\//, "") ?? "/var/run/docker.sock" });
  const now = new Date();
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth() + 1;
  console.log(`filling ${TEAMS.toLocaleString("en")} teams and ${(TEAMS * PROJECTS_PER_TEAM).toLocaleString("en")} projects…`);
  await db.execute(sql`insert into team (id, slug, name) select 'team_j' || i, 'jobs-' || i, 'Jobs ' || i from generate_series(1, ${TEAMS}) i`);
  await db.execute(sql`insert into team_subscription (id, team_id, plan_id, current_period_end)
    select 'sub_' || id, id, case when random() < 0.5 then 'free' else 'pay_as_you_go' end, now() + interval '10 days' from team`);
  await db.execute(sql`insert into project (id, team_id, name, slug) select 'prj_j' || t || '_' || p, 'team_j' || t, 'p' || p, 'p' || p from generate_series(1, ${TEAMS}) t, generate_series(1, ${PROJECTS_PER_TEAM}) p`);
  // A usage level per team, uniform from 0 to 130 % of its traffic limit: about 38 % of the teams
  // cross 80 %, 27 % cross 95 % and 23 % go over 100 % (their projects get suspended).
  await db.execute(sql`with f as (select id, random() * 1.3 as k from team)
    insert into project_usage (id, project_id, year, month, traffic_bytes, storage_bytes)
    select 'use_' || p.id, p.id, ${year}, ${month},
           (f.k * (0.5 + random()) * (case when s.plan_id = 'free' then 5 else 10 end) * 1024^3 / ${PROJECTS_PER_TEAM})::bigint,
           (random() * 0.9 * (case when s.plan_id = 'free' then 100 else 10240 end) * 1024^2 / ${PROJECTS_PER_TEAM})::bigint
    from project p join team_subscription s on s.team_id = p.team_id join f on f.id = p.team_id`);
  await db.execute(sql`analyze`);

  const step: TJobStep = {
    run: async (_id, fn) => fn(),
    sendEvent: async (_id, events) => {
      for (const e of events) {
        const d = e.data as { teamIds: string[]; at: string };
        await evaluateUsageLimits(db, { teamIds: d.teamIds, now: new Date(d.at), docker: () => docker });
      }
    },
  };
  const deps: TJobDeps = { getDb: async () => db, docker: () => docker, now: () => now };
  const time = async (fn: () => Promise<unknown>) => {
    const t0 = performance.now();
    const result = await fn();
    return { seconds: Math.round((performance.now() - t0) / 10) / 100, result };
  };
  const firstRun = await time(() => JOBS["check-usage-limits"]!(deps, step));
  const secondRun = await time(() => JOBS["check-usage-limits"]!(deps, step));
  const [counts] = rowsOf<{ alerts: number; suspended: number }>(
    await db.execute(sql`select (select count(*)::int from notification) as alerts, (select count(*)::int from project where status = 'suspended') as suspended`),
  );

  // 2,000 labelled volumes (kept between runs, label servelink.bench=1), attributed to the first projects.
  const existing = new Set(((await docker.listVolumes({ filters: { label: ["servelink.bench=1"] } })).Volumes ?? []).map((v) => v.Name));
  console.log(`preparing ${VOLUMES} labelled volumes (${existing.size} already there)…`);
  for (let i = 0; i < VOLUMES; i++) {
    const name = `servelink-bench-${i}`;
    const projectId = `prj_j${(i % TEAMS) + 1}_1`;
    if (existing.has(name)) continue;
    const v = (await docker.createVolume({ Name: name, Labels: { "servelink.bench": "1", "servelink.project": projectId } })) as unknown as { Mountpoint?: string };
    const mount = v.Mountpoint ?? (await docker.getVolume(name).inspect()).Mountpoint;
    mkdirSync(mount, { recursive: true });
    writeFileSync(path.join(mount, "data.bin"), Buffer.alloc(4096 + (i % 100) * 1024, 1));
  }
  const storage = await time(() => JOBS["update-project-storage"]!(deps, step));
  await handle.close();
  const report = {
    benchmark: "jobs",
    "check-usage-limits": {
      teams: TEAMS,
      projects: TEAMS * PROJECTS_PER_TEAM,
      first_run_seconds: firstRun.seconds,
      second_run_seconds: secondRun.seconds,
      alerts_written: counts!.alerts,
      projects_suspended: counts!.suspended,
      goal_seconds: 30,
    },
    "update-project-storage": { volumes: VOLUMES, projects: TEAMS * PROJECTS_PER_TEAM, seconds: storage.seconds, goal_seconds: 60, result: storage.result },
  };
  console.log(JSON.stringify(report, null, 2));
  return report;
}
