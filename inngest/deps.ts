import type Docker from "dockerode";
import type { Db } from "../src/server/db/client";

/** What the scheduled jobs need from the outside; the app, the job command and the tests each give their own. */
export interface TJobDeps {
  getDb: () => Promise<Db>;
  docker: () => Docker;
  now?: () => Date;
}

/** The subset of Inngest's step tools the jobs use, so `npm run job` can run them without Inngest. */
export interface TJobStep {
  run<T>(id: string, fn: () => Promise<T>): Promise<unknown>;
}
