import { PROJECT_MOVES } from "@/lib/projects";
import { sql } from "drizzle-orm";
import type Docker from "dockerode";
import { pgArray, rowsOf, type Db, sqlWord, sqlWords } from "@/server/db/client";
import { cleanupProjectDeployments, startProjectContainers, stopProjectContainers } from "@/server/integrations/containers";
import type { TMailer } from "@/server/integrations/mailer";
import { emailNotifications } from "@/server/services/notifications/notifications";
import { keyedNote, writeNotifications, type TKeyedCandidate } from "@/server/services/notifications/write-notifications";
import { clock } from "@/lib/clock";
import { logger } from "@/server/log";
import { MOVED_PROJECT_COLUMNS_OF_P, moveProjectsWithEvent } from "./usage-alerts";

const DAY = 86_400_000;
export const INACTIVE_AFTER_DAYS = 14;
export const WARN_DAYS_BEFORE = 3;
export const CLEANUP_AFTER_DAYS = 30;

/**
 * `check-inactive-projects` (spec 6): an active project of a Free team with no traffic for 14 days
 * (`last_traffic_at`, or `created_at` if it never had any) becomes `inactive` and its containers
 * are stopped; the owner is warned 3 days before (once per idle spell) and told when it happens.
 * Pro teams' projects are never made inactive.
 */
export async function deactivateIdleProjects(db: Db, input: { now?: Date; docker?: (() => Docker) | null; mailer?: TMailer | null }) {
  const now = input.now ?? clock.now();
  const at = now.toISOString();
  const idleSince = new Date(now.getTime() - INACTIVE_AFTER_DAYS * DAY).toISOString();
  const warnSince = new Date(now.getTime() - (INACTIVE_AFTER_DAYS - WARN_DAYS_BEFORE) * DAY).toISOString();
  // Each project made inactive, with its `project.inactive` webhook event (spec 18.1) in the same statement.
  const deactivated = await moveProjectsWithEvent(
    db,
    sql`update project p set status = ${sqlWord(PROJECT_MOVES.sleep.to)}, status_changed_at = ${at}::timestamptz
        from team_subscription s
        where s.team_id = p.team_id and s.plan_id = 'free' and p.status in ${sqlWords(PROJECT_MOVES.sleep.from)}
          and coalesce(p.last_traffic_at, p.created_at) <= ${idleSince}::timestamptz
        returning ${MOVED_PROJECT_COLUMNS_OF_P}`,
    "project.inactive",
    now,
  );
  // `data` is the once-key (project and idle spell, as it always was); `params` what the text needs.
  const candidates = rowsOf<TKeyedCandidate>(
    await db.execute(sql`
      with candidates as (
        select 'project.inactive' as kind, p.team_id,
               jsonb_build_object('project_id', p.id, 'since', coalesce(p.last_traffic_at, p.created_at)) as data,
               jsonb_build_object('project_name', p.name, 'days', ${INACTIVE_AFTER_DAYS}::int) as params
        from project p where p.id = any(${pgArray(deactivated)}::text[])
        union all
        select 'project.inactive_warning', p.team_id,
               jsonb_build_object('project_id', p.id, 'since', coalesce(p.last_traffic_at, p.created_at)),
               jsonb_build_object('project_name', p.name,
                                  'inactive_on', coalesce(p.last_traffic_at, p.created_at) + make_interval(days => ${INACTIVE_AFTER_DAYS}::int))
        from project p join team_subscription s on s.team_id = p.team_id
        where s.plan_id = 'free' and p.status in ${sqlWords(PROJECT_MOVES.sleep.from)}
          and coalesce(p.last_traffic_at, p.created_at) <= ${warnSince}::timestamptz
          and coalesce(p.last_traffic_at, p.created_at) > ${idleSince}::timestamptz
      )
      select kind, team_id, data, params from candidates`),
  );
  // Once per idle spell: a warning or notice the team already has (same project and since) is not written again.
  const notes = (await writeNotifications(db, candidates.map(keyedNote), { now, once: "same_data" })).map((n) => n.id);
  let dockerError: string | null = null;
  let stopped = 0;
  if (input.docker && deactivated.length) {
    const r = await stopProjectContainers(input.docker(), deactivated);
    stopped = r.changed;
    dockerError = r.error ?? null;
  }
  const emailed = await emailNotifications(db, input.mailer, notes);
  return { deactivated: deactivated.length, containers_stopped: stopped, notifications: notes.length, emailed, docker_error: dockerError };
}

/** Traffic woke these inactive projects (see recordTraffic): start their containers again. */
export async function wakeProjectContainers(docker: Docker, projectIds: string[]) {
  return startProjectContainers(docker, projectIds);
}

/**
 * `cleanup-inactive-deployments`: for projects inactive for 30 days or more, remove their stopped
 * containers and their images that no container uses; never their volumes. Idempotent: a second
 * run finds nothing left to remove.
 */
export async function cleanupInactiveDeployments(db: Db, input: { now?: Date; docker: () => Docker }) {
  const now = input.now ?? clock.now();
  const ids = rowsOf<{ id: string }>(
    await db.execute(sql`
      select id from project
      where status = 'inactive' and coalesce(status_changed_at, created_at) <= ${new Date(now.getTime() - CLEANUP_AFTER_DAYS * DAY).toISOString()}::timestamptz`),
  ).map((r) => r.id);
  const result = await cleanupProjectDeployments(input.docker(), ids);
  if (result.freedBytes > 0) logger.info({ freed_bytes: result.freedBytes, projects: ids.length }, "cleanup freed the images of inactive projects");
  return { projects: ids.length, containers_removed: result.containers, images_removed: result.images, freed_bytes: result.freedBytes };
}
