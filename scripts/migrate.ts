// npm run db:migrate – applies the SQL migrations in drizzle/ to DATABASE_URL or the embedded database.
import { describeTarget, openAppDatabase, runCommand } from "./_db";

await runCommand(async () => {
  const handle = await openAppDatabase();
  console.log(`migrated ${describeTarget(handle)}`);
  await handle.close();
});
