import type Docker from "dockerode";
import type { Db } from "@/server/db/client";
import type { TMailer } from "@/server/integrations/mailer";
import type { TPaymentContext } from "@/server/services/payments/payments";

/** What the scheduled jobs need from the outside; the app, the job command and the tests each give their own. */
export interface TJobDeps {
  getDb: () => Promise<Db>;
  docker: () => Docker;
  now?: () => Date;
  mailer?: () => TMailer | null;
  /** The payment providers, for reconciling pending payments; absent or null (none configured): reconciliation is skipped. */
  payments?: () => TPaymentContext | null;
}

/** The subset of Inngest's step tools the jobs use, so `npm run job` can run them without Inngest. */
export interface TJobStep {
  run<T>(id: string, fn: () => Promise<T>): Promise<unknown>;
  sendEvent?(id: string, events: { name: string; data: Record<string, unknown> }[]): Promise<unknown>;
}
