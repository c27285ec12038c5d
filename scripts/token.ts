// npm run token -- <email> [name] – creates a personal API token for that user; the token alone is the last line.
import { eq } from "drizzle-orm";
import { user } from "../src/server/db/schema";
import { createApiToken } from "../src/server/services/tokens/api-tokens";
import { openAppDatabase, runCommand } from "./_db";
import { clock } from "../src/lib/clock";

await runCommand(async () => {
  const email = process.argv[2]?.trim().toLowerCase();
  if (!email) throw new Error("usage: npm run token -- <email> [token name]");
  const name = process.argv[3]?.trim() || `cli ${clock.now().toISOString().slice(0, 10)}`;
  const handle = await openAppDatabase();
  try {
    const [found] = await handle.db.select({ id: user.id }).from(user).where(eq(user.email, email)).limit(1);
    if (!found) throw new Error(`no user with e-mail ${email}; sign up first (or run npm run db:seed for the demo users)`);
    const created = await createApiToken(handle.db, { userId: found.id, name });
    console.log(`created API token "${created.name}" (${created.prefix}…) for ${email}; it is shown only now:`);
    console.log(created.token);
  } finally {
    await handle.close();
  }
});
