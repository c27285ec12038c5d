// Opens and migrates the database when the server starts (PGlite takes seconds cold), so the
// first request does not pay for it. A failure here is logged; readiness then reports it.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getDbHandle } = await import("./server/db-config");
  try {
    const handle = await getDbHandle();
    console.log(`[servelink] database ready (${handle.kind})`);
  } catch (err) {
    console.error("[servelink] database not ready at start:", err instanceof Error ? err.message : err);
  }
}
