// npm run job -- <name> – runs one scheduled job now, outside Inngest, against DATABASE_URL or the embedded database.
import { JOBS } from "../inngest";
import { createDockerClient } from "../src/server/integrations/docker";
import { createMailer } from "../src/server/integrations/mailer";
import { evaluateBatch } from "../inngest/functions/check-usage-limits";
import type { TJobDeps } from "../src/server/job-deps";
import { createPaymentContext, SANDBOX_API_KEY } from "../src/server/services/payments/payment-context";
import { openAppDatabase, runCommand } from "./_db";

await runCommand(async () => {
  const name = process.argv[2];
  const job = name ? JOBS[name] : undefined;
  if (!job) throw new Error(`usage: npm run job -- <name>; jobs: ${Object.keys(JOBS).join(", ")}`);
  const handle = await openAppDatabase();
  try {
    const started = Date.now();
    const backendUrl = process.env.PAYMENT_BACKEND_URL;
    const base = (process.env.BASE_URL ?? "http://localhost:3000").replace(/\/+$/, "");
    const deps: TJobDeps = {
      getDb: async () => handle.db,
      docker: () => createDockerClient(process.env.DOCKER_HOST),
      mailer: () => createMailer(process.env.SMTP_URL, base),
      // Reconciliation asks the configured backend, or the app's sandbox when the app is running.
      payments: () =>
        createPaymentContext({
          baseUrl: base,
          backendUrl: backendUrl ?? null,
          backendApiKey: backendUrl ? (process.env.PAYMENT_API_KEY ?? "") : (process.env.PAYMENT_SANDBOX_API_KEY ?? SANDBOX_API_KEY),
          stripe: process.env.STRIPE_SECRET_KEY ? { secretKey: process.env.STRIPE_SECRET_KEY, apiUrl: process.env.STRIPE_API_URL || undefined } : null,
        }),
    };
    const result = await job(deps, {
      run: async (id, fn) => {
        console.log(`step ${id}…`);
        return fn();
      },
      // Without Inngest, fanned-out batches run here, one after the other.
      sendEvent: async (_id, events) => {
        for (const e of events) {
          const data = e.data as { teamIds: string[]; at: string };
          await evaluateBatch(deps, data.teamIds, data.at);
        }
      },
    });
    console.log(`${name} finished in ${Date.now() - started} ms:`, JSON.stringify(result));
  } finally {
    await handle.close();
  }
});
