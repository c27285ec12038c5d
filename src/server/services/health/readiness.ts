import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";

export interface TReadiness {
  ready: boolean;
  checks: { database: { ok: boolean; latency_ms?: number; reason?: string } };
}

/** Whether the database answers a query within `timeoutMs`. Never throws. */
export async function checkReadiness(getDb: () => Promise<Db>, timeoutMs = 3000): Promise<TReadiness> {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    const probe = (async () => {
      const db = await getDb();
      await db.execute(sql`select 1`);
    })();
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    await Promise.race([probe, timeout]);
    return { ready: true, checks: { database: { ok: true, latency_ms: Date.now() - started } } };
  } catch (err) {
    const reason = err instanceof Error ? err.message : "unknown error";
    return { ready: false, checks: { database: { ok: false, reason: `database unreachable: ${reason}` } } };
  } finally {
    clearTimeout(timer);
  }
}
