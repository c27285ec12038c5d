// npm run db:seed – the demo accounts, teams, projects, 90 days of usage and a few tickets. Idempotent.
import { createAuth } from "../src/server/auth-config";
import { DEMO_PASSWORD, DEMO_USERS, seedDemoData } from "../src/server/db/seed";
import { describeTarget, openAppDatabase, runCommand } from "./_db";

await runCommand(async () => {
  const handle = await openAppDatabase();
  try {
    const auth = createAuth(handle.db, {
      secret: process.env.AUTH_SECRET || "servelink-development-secret-change-me-0123456789",
      baseURL: process.env.BASE_URL || "http://localhost:3000",
      signInRateLimit: 0,
    });
    await seedDemoData(handle.db, (body) => auth.api.signUpEmail({ body }));
    console.log(`seeded ${describeTarget(handle)}; sign in with any of (password "${DEMO_PASSWORD}"):`);
    for (const u of DEMO_USERS) console.log(`  ${u.email}${u.role !== "user" ? ` (${u.role})` : ""}`);
  } finally {
    await handle.close();
  }
});
