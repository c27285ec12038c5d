// npm run job -- <name> – runs one scheduled job now, outside Inngest, against DATABASE_URL or the embedded database.
import { JOBS } from "../inngest";
import { createDockerClient } from "../src/server/integrations/docker";
import { createMailer } from "../src/server/integrations/mailer";
import { createPaymentBackendClient } from "../src/server/integrations/payment-backend";
import { paymentReturnPath } from "../src/server/services/payments/payments";
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
    const result = await job(
      {
        getDb: async () => handle.db,
        docker: () => createDockerClient(process.env.DOCKER_HOST),
        mailer: () => createMailer(process.env.SMTP_URL),
        // Reconciliation asks the configured backend, or the app's sandbox when the app is running.
        payments: () => ({
          backend: createPaymentBackendClient({ baseUrl: backendUrl ?? `${base}/api/sandbox`, apiKey: process.env.PAYMENT_API_KEY ?? "sandbox-api-key" }),
          callbackUrl: `${base}/api/payments/callback`,
          returnUrl: (slug, id, purpose) => `${base}${paymentReturnPath(slug, id, purpose)}`,
        }),
      },
      {
        run: async (id, fn) => {
          console.log(`step ${id}…`);
          return fn();
        },
        // Without Inngest, fanned-out batches run here, one after the other.
        sendEvent: async (_id, events) => {
          const { evaluateUsageLimits } = await import("../src/server/services/enforcement/usage-alerts");
          for (const e of events) {
            const data = e.data as { teamIds: string[]; at: string };
            await evaluateUsageLimits(handle.db, { teamIds: data.teamIds, now: new Date(data.at), docker: () => createDockerClient(process.env.DOCKER_HOST), mailer: createMailer(process.env.SMTP_URL) });
          }
        },
      },
    );
    console.log(`${name} finished in ${Date.now() - started} ms:`, JSON.stringify(result));
  } finally {
    await handle.close();
  }
});
