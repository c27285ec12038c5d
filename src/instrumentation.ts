// Opens and migrates the database when the server starts (PGlite takes seconds cold), so the
// first request does not pay for it. A failure here is logged; readiness then reports it.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getDbHandle } = await import("./server/db-config");
  const { logError, logger } = await import("./server/log");
  try {
    const handle = await getDbHandle();
    logger.info({ database: handle.kind }, "database ready");
  } catch (err) {
    logError("database not ready at start", err);
  }
}
