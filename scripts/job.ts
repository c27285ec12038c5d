// npm run job -- <name> – runs one scheduled job now, outside Inngest, against DATABASE_URL or the embedded database.
import { JOBS } from "../inngest";
import { createDockerClient } from "../src/server/integrations/docker";
import { openAppDatabase, runCommand } from "./_db";

await runCommand(async () => {
  const name = process.argv[2];
  const job = name ? JOBS[name] : undefined;
  if (!job) throw new Error(`usage: npm run job -- <name>; jobs: ${Object.keys(JOBS).join(", ")}`);
  const handle = await openAppDatabase();
  try {
    const started = Date.now();
    const result = await job(
      { getDb: async () => handle.db, docker: () => createDockerClient(process.env.DOCKER_HOST) },
      { run: async (id, fn) => { console.log(`step ${id}…`); return fn(); } },
    );
    console.log(`${name} finished in ${Date.now() - started} ms:`, JSON.stringify(result));
  } finally {
    await handle.close();
  }
});
