// npm start – the console's own small HTTP server (spec 13), on Next's programmatic API.
// Next keeps a client-written X-Forwarded-For (it only fills one in when absent), so only this
// server, which sees the socket, can tell the app who is calling: it sets the header from the
// socket's address and TRUSTED_PROXY_HOPS before Next reads it (sign-in limits key on it).
import { createServer } from "node:http";
import next from "next";
import { clientAddress, startupRefusals, trustedProxyHops } from "./src/server/http/entry-rules.mjs";

process.env.NODE_ENV ??= "production";
const refusals = startupRefusals(process.env);
if (refusals.length > 0) {
  for (const r of refusals) console.error(`[servelink] refusing to start: ${r}`);
  process.exit(1);
}

const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOST || undefined;
const hops = trustedProxyHops(process.env);
const app = next({ dev: false, dir: process.cwd(), hostname: hostname ?? "localhost", port });
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer((req, res) => {
  req.headers["x-forwarded-for"] = clientAddress(req.socket.remoteAddress, req.headers["x-forwarded-for"], hops);
  delete req.headers["x-real-ip"];
  handle(req, res).catch((err) => {
    console.error("[servelink] request failed:", err instanceof Error ? err.message : err);
    if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
    res.end('{"error":{"code":"internal_error","message":"Something went wrong on our side."}}');
  });
});
server.listen(port, hostname, () => {
  console.log(`[servelink] listening on http://${hostname ?? "localhost"}:${port} (${hops} trusted prox${hops === 1 ? "y" : "ies"})`);
});

let closing = false;
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    server.close(() => void app.close().finally(() => process.exit(0)));
    // Open keep-alive connections would hold the close: drop idle ones, give the rest 10 s.
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 10_000).unref();
  });
}
