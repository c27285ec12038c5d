// postgres.js 3.4.9 (the latest) can crash the process when Postgres restarts under load: a small
// write is deferred with setImmediate, the connection closes first (socket = null), and the
// deferred nextWrite() throws "Cannot read properties of null (reading 'write')" from a timer, an
// uncaught exception no caller can catch (porsager/postgres#1154, #1208; fixes proposed in #1168,
// #1209, not released). Seen here: e2e/system/faults.spec.ts, Postgres stopped under an ingest load.
// This applies those fixes to node_modules (run by `npm install` as postinstall, and by the
// Dockerfile): nextWrite() on a closed connection rejects what is waiting with CONNECTION_CLOSED
// instead of throwing, and closing drops the buffered bytes and the timer, so a reconnected
// connection never sends a stale half-message nor stops flushing. Idempotent; it refuses (exit 1)
// if the driver's code is not the one it knows, so an upgrade is looked at rather than left unpatched.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const MARK = "/* servelink: nextWrite guard */";
const root = path.resolve(import.meta.dirname, "..", "node_modules", "postgres");
const files = ["src/connection.js", "cjs/src/connection.js"].map((f) => path.join(root, f)).filter((f) => existsSync(f));
if (files.length === 0) {
  console.log("patch-postgres: postgres is not installed, nothing to patch");
  process.exit(0);
}

const edits = [
  [
    "  function nextWrite(fn) {\n    const x = socket.write(chunk, fn)\n",
    `  function nextWrite(fn) {\n    if (!socket) { ${MARK}\n      nextWriteTimer !== null && clearImmediate(nextWriteTimer)\n      chunk = nextWriteTimer = null\n      error(Errors.connection('CONNECTION_CLOSED', options))\n      return false\n    }\n    const x = socket.write(chunk, fn)\n`,
  ],
  ["    clearImmediate(nextWriteTimer)\n    if (socket) {\n", "    clearImmediate(nextWriteTimer)\n    chunk = nextWriteTimer = null\n    if (socket) {\n"],
  [
    "    incomings = null\n    clearImmediate(nextWriteTimer)\n",
    "    incomings = null\n    clearImmediate(nextWriteTimer)\n    chunk = nextWriteTimer = null\n",
  ],
];

for (const file of files) {
  let text = readFileSync(file, "utf8");
  if (text.includes(MARK)) continue;
  for (const [from, to] of edits) {
    if (text.split(from).length !== 2) {
      console.error(
        `patch-postgres: ${path.relative(process.cwd(), file)} is not the postgres.js 3.4.9 this patch knows (looked for ${JSON.stringify(from.slice(0, 40))})`,
      );
      process.exit(1);
    }
    text = text.replace(from, to);
  }
  writeFileSync(file, text);
  console.log(`patch-postgres: patched ${path.relative(process.cwd(), file)}`);
}
