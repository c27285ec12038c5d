// npm run bench -- jobs: check-usage-limits over 100,000 projects in 10,000 teams (200 of the
// projects it suspends run real containers, which it stops), run twice (the second run must write
// nothing), and update-project-storage over 2,000 labelled Docker volumes, through the job runner.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import type Docker from "dockerode";
import { JOBS } from "../inngest";
import type { TJobDeps, TJobStep } from "../src/server/job-deps";
import { rowsOf } from "../src/server/db/client";
import { evaluateUsageLimits } from "../src/server/services/enforcement/usage-alerts";
import { PROJECT_LABEL } from "../src/server/integrations/docker";
import { busyboxImage, ensureDocker } from "../test/docker";
import { clock } from "../src/lib/clock";
import { benchDatabase } from "./server";
import { benchRenewals } from "./renewals";

const TEAMS = 10_000;
const PROJECTS_PER_TEAM = 10;
const VOLUMES = Number(process.env.BENCH_VOLUMES ?? 2000);
const CONTAINERS = Number(process.env.BENCH_CONTAINERS ?? 200);
const BENCH_IMAGE = "servelink-bench/app:1";

/** What the limits job may change, as one digest: equal before and after a run that wrote nothing. */
const STATE_DIGEST = sql`select md5(concat_ws('|',
  (select string_agg(id || kind || coalesce(metric, '') || coalesce(period, ''), ',' order by id) from notification),
  (select string_agg(id || status || coalesce(status_changed_at::text, ''), ',' order by id) from project),
  (select string_agg(team_id || plan_id || status || coalesce(current_period_end::text, ''), ',' order by team_id) from team_subscription),
  (select count(*)::text from notification))) as digest`;

export async function benchJobs() {
  const { handle } = await benchDatabase("servelink_bench_jobs", true);
  const db = handle.db;
  const docker: Docker = await ensureDocker();
  const now = clock.now();
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth() + 1;
  console.log(`filling ${TEAMS.toLocaleString("en")} teams and ${(TEAMS * PROJECTS_PER_TEAM).toLocaleString("en")} projects…`);
  await db.execute(sql`insert into team (id, slug, name) select 'team_j' || i, 'jobs-' || i, 'Jobs ' || i from generate_series(1, ${TEAMS}) i`);
  await db.execute(sql`insert into team_subscription (id, team_id, plan_id, current_period_end)
    select 'sub_' || id, id, case when random() < 0.5 then 'free' else 'pay_as_you_go' end, now() + interval '10 days' from team`);
  await db.execute(
    sql`insert into project (id, team_id, name, slug) select 'prj_j' || t || '_' || p, 'team_j' || t, 'p' || p, 'p' || p from generate_series(1, ${TEAMS}) t, generate_series(1, ${PROJECTS_PER_TEAM}) p`,
  );
  // A usage level per team, uniform from 0 to 130 % of its traffic limit: about 38 % of the teams
  // cross 80 %, 27 % cross 95 % and 23 % go over 100 % (their projects get suspended).
  await db.execute(sql`with f as (select id, random() * 1.3 as k from team)
    insert into project_usage (id, project_id, year, month, traffic_bytes, storage_bytes)
    select 'use_' || p.id, p.id, ${year}, ${month},
           (f.k * (0.5 + random()) * (case when s.plan_id = 'free' then 5 else 10 end) * 1024^3 / ${PROJECTS_PER_TEAM})::bigint,
           (random() * 0.9 * (case when s.plan_id = 'free' then 100 else 10240 end) * 1024^2 / ${PROJECTS_PER_TEAM})::bigint
    from project p join team_subscription s on s.team_id = p.team_id join f on f.id = p.team_id`);
  await db.execute(sql`analyze`);

  // 200 real containers (Debian's static busybox, no network) of projects whose team is over its
  // traffic limit: the first run suspends those projects and stops the containers. They stop on
  // SIGTERM at once, as a well-behaved app does; one that ignores it is killed after STOP_TIMEOUT_S.
  const overLimit = rowsOf<{ id: string }>(
    await db.execute(sql`
      select p.id from project p
      join (select p2.team_id from project p2 join project_usage u on u.project_id = p2.id join team_subscription s on s.team_id = p2.team_id
            group by p2.team_id, s.plan_id having sum(u.traffic_bytes) > (case when s.plan_id = 'free' then 5 else 10 end) * 1024^3 * 1.05) t on t.team_id = p.team_id
      order by p.id limit ${CONTAINERS}`),
  ).map((r) => r.id);
  for (const old of await docker.listContainers({ all: true, filters: { label: ["servelink.bench=1"] } }))
    await docker.getContainer(old.Id).remove({ force: true });
  busyboxImage(BENCH_IMAGE, { "servelink.bench": "1" });
  console.log(`starting ${overLimit.length} containers of projects over their limit…`);
  const containerIds: string[] = [];
  for (const projectId of overLimit) {
    const c = await docker.createContainer({
      Image: BENCH_IMAGE,
      // BENCH_IGNORE_TERM=1: the worst case, an app that ignores SIGTERM and is killed at the timeout.
      Cmd: process.env.BENCH_IGNORE_TERM
        ? ["/bin/busybox", "sleep", "3600"]
        : ["/bin/busybox", "sh", "-c", "trap 'exit 0' TERM; /bin/busybox sleep 3600 & wait $!"],
      Labels: { "servelink.bench": "1", [PROJECT_LABEL]: projectId },
      HostConfig: { NetworkMode: "none" },
    });
    await c.start();
    containerIds.push(c.id);
  }
  const running = async () => (await docker.listContainers({ filters: { label: ["servelink.bench=1"], status: ["running"] } })).length;

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
  const runningBefore = await running();
  const firstRun = await time(() => JOBS["check-usage-limits"]!(deps, step));
  const runningAfter = await running();
  const [afterFirst] = rowsOf<{ digest: string }>(await db.execute(STATE_DIGEST));
  const secondRun = await time(() => JOBS["check-usage-limits"]!(deps, step));
  const [afterSecond] = rowsOf<{ digest: string }>(await db.execute(STATE_DIGEST));
  const [counts] = rowsOf<{ alerts: number; suspended: number }>(
    await db.execute(
      sql`select (select count(*)::int from notification) as alerts, (select count(*)::int from project where status = 'suspended') as suspended`,
    ),
  );
  for (const id of containerIds)
    await docker
      .getContainer(id)
      .remove({ force: true })
      .catch(() => {});

  // 2,000 labelled volumes (kept between runs, label servelink.bench=1), attributed to the first projects.
  const existing = new Set(((await docker.listVolumes({ filters: { label: ["servelink.bench=1"] } })).Volumes ?? []).map((v) => v.Name));
  console.log(`preparing ${VOLUMES} labelled volumes (${existing.size} already there)…`);
  for (let i = 0; i < VOLUMES; i++) {
    const name = `servelink-bench-${i}`;
    const projectId = `prj_j${(i % TEAMS) + 1}_1`;
    if (existing.has(name)) continue;
    const v = (await docker.createVolume({ Name: name, Labels: { "servelink.bench": "1", "servelink.project": projectId } })) as unknown as {
      Mountpoint?: string;
    };
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
      containers: {
        of_suspended_projects: containerIds.length,
        stop_on_sigterm: !process.env.BENCH_IGNORE_TERM,
        running_before: runningBefore,
        running_after_first_run: runningAfter,
      },
      second_run_wrote_nothing: afterFirst!.digest === afterSecond!.digest,
      goal_seconds: 30,
    },
    "update-project-storage": { volumes: VOLUMES, projects: TEAMS * PROJECTS_PER_TEAM, seconds: storage.seconds, goal_seconds: 60, result: storage.result },
  };
  console.log(JSON.stringify(report, null, 2));
  // expire-resources renewing from the balance (spec 15): 10,000 teams due on one day.
  return { ...report, renewals: await benchRenewals() };
}
