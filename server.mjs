// npm start – the console's own small HTTP server (spec 13), on Next's programmatic API.
// Next keeps a client-written X-Forwarded-For (it only fills one in when absent), so only this
// server, which sees the socket, can tell the app who is calling: it sets the header from the
// socket's address and TRUSTED_PROXY_HOPS before Next reads it (sign-in limits key on it).
// It also keeps the access log (spec 17): each request gets an id (a sane `x-request-id` it was
// sent, or a new one), echoed in the answer's `x-request-id` and carried by every line logged while
// answering it, and one JSON line when it ends: method, route template, status, duration.
import { createServer } from "node:http";
import path from "node:path";
import { performance } from "node:perf_hooks";
import next from "next";
import pino from "pino";
import { accessFields, accessRoute, loadRouteMatcher, requestIdFrom } from "./src/server/http/access-log.mjs";
import { clientAddress, startupRefusals, trustedProxyHops } from "./src/server/http/entry-rules.mjs";
import { createLogger, describeError, getLogger, routeConsoleToLogger, runInRequest } from "./src/server/logging.mjs";

process.env.NODE_ENV ??= "production";
const log = getLogger();
// Next's own messages, any library's console output, Node's warnings and a crash become JSON lines too.
routeConsoleToLogger(log);
process.removeAllListeners("warning");
process.on("warning", (w) => log.warn({ warning: w.name }, w.message));
process.on("uncaughtException", (err) => {
  log.fatal({ error: describeError(err) }, "uncaught exception: the server stops");
  process.exit(1);
});
const refusals = startupRefusals(process.env);
if (refusals.length > 0) {
  // On stderr, where a supervisor shows why a process exited at once.
  const stderr = createLogger(process.env, pino.destination({ fd: 2, sync: true }));
  for (const r of refusals) stderr.fatal(`refusing to start: ${r}`);
  process.exit(1);
}

const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOST || undefined;
const hops = trustedProxyHops(process.env);
const app = next({ dev: false, dir: process.cwd(), hostname: hostname ?? "localhost", port });
const handle = app.getRequestHandler();
await app.prepare();
const matchRoute = loadRouteMatcher(path.resolve(process.env.NEXT_DIST_DIR || ".next"));

// The open live-update streams (GET /api/events, spec 20): they never end by themselves, so a
// shutdown drops them (the browser reconnects, to another process, resuming with Last-Event-ID).
const eventStreams = new Set();

const server = createServer((req, res) => {
  const startedAt = performance.now();
  if (req.url === "/api/events" || req.url?.startsWith("/api/events?")) {
    eventStreams.add(res);
    res.once("close", () => eventStreams.delete(res));
  }
  const context = { requestId: requestIdFrom(req.headers["x-request-id"]), routes: [] };
  req.headers["x-request-id"] = context.requestId;
  res.setHeader("x-request-id", context.requestId);
  req.headers["x-forwarded-for"] = clientAddress(req.socket.remoteAddress, req.headers["x-forwarded-for"], hops);
  delete req.headers["x-real-ip"];
  res.once("close", () => {
    const fields = accessFields({
      method: req.method,
      route: accessRoute(req.url, context.routes, matchRoute),
      status: res.statusCode,
      startedAt,
      endedAt: performance.now(),
      aborted: !res.writableFinished,
    });
    log[fields.status >= 500 ? "warn" : "info"]({ request_id: context.requestId, ...fields }, "request");
  });
  runInRequest(context, () =>
    handle(req, res).catch((err) => {
      log.error({ request_id: context.requestId, error: describeError(err) }, "request failed");
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
      res.end('{"error":{"code":"internal_error","message":"Something went wrong on our side."}}');
    }),
  );
});
// Keep-alive outlasts a load balancer's idle timeout (60 s on the common ones), so the server is
// never the side that closes an idle connection just as a client or balancer reuses it: that race
// is a "socket hang up" (ECONNRESET) for the caller, seen in e2e runs with Node's 5 s default.
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;
server.listen(port, hostname, () => {
  log.info(`listening on http://${hostname ?? "localhost"}:${port} (${hops} trusted prox${hops === 1 ? "y" : "ies"})`);
});

let closing = false;
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    server.close(() => void app.close().finally(() => process.exit(0)));
    // Open keep-alive connections would hold the close: drop idle ones, give the rest 10 s.
    server.closeIdleConnections();
    for (const res of eventStreams) res.destroy();
    setTimeout(() => process.exit(0), 10_000).unref();
  });
}
