import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { consoleMessage, createLogger, noteRoute, currentRequest, runInRequest } from "./logging.mjs";

/** A logger writing into an array of parsed lines. */
function capture(env: Record<string, string | undefined> = {}) {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const l of chunk.toString().split("\n").filter(Boolean)) lines.push(JSON.parse(l) as Record<string, unknown>);
      done();
    },
  });
  return { logger: createLogger(env, stream), lines };
}

describe("the server's log", () => {
  it("writes JSON lines with the level by name, an ISO time and the service", () => {
    const { logger, lines } = capture();
    logger.info({ projects: 2 }, "cleanup done");
    expect(lines).toEqual([
      expect.objectContaining({
        level: "info",
        msg: "cleanup done",
        projects: 2,
        service: "servelink-console",
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      }),
    ]);
  });

  it("takes its level from LOG_LEVEL (info when unset or unknown)", () => {
    const warnOnly = capture({ LOG_LEVEL: "WARN" });
    warnOnly.logger.info("hidden");
    warnOnly.logger.warn("shown");
    expect(warnOnly.lines.map((l) => l.msg)).toEqual(["shown"]);
    expect(capture({ LOG_LEVEL: "loud" }).logger.level).toBe("info");
    expect(capture({ LOG_LEVEL: "debug" }).logger.level).toBe("debug");
  });

  it("every line logged while a request is answered carries its id, through awaits; none outside", async () => {
    const { logger, lines } = capture();
    await runInRequest({ requestId: "req-0001-abcd", routes: [] }, async () => {
      await new Promise((r) => setTimeout(r, 1));
      logger.error("inside");
      noteRoute("trpc:balance.get");
      noteRoute("trpc:balance.get");
      noteRoute("trpc:usage.list");
      expect(currentRequest()?.routes).toEqual(["trpc:balance.get", "trpc:usage.list"]);
    });
    logger.error("outside");
    noteRoute("/ignored");
    expect(lines.map((l) => [l.msg, l.request_id])).toEqual([
      ["inside", "req-0001-abcd"],
      ["outside", undefined],
    ]);
  });

  it("a console call becomes one message; an error in it without a query's parameters", () => {
    expect(consoleMessage(["a", 1, { b: 2 }])).toBe("a 1 { b: 2 }");
    expect(consoleMessage(["%s of %d", "two", 3])).toBe("two of 3");
    expect(consoleMessage(["\u001b[2m2026-12-01T22:03:51.305Z\u001b[0m \u001b[33mWARN\u001b[0m [Better Auth]: Invalid password"])).toBe(
      "2026-12-01T22:03:51.305Z WARN [Better Auth]: Invalid password",
    );
    const failed = Object.assign(new Error('Failed query: insert into "ticket_message" ("body") values ($1)\nparams: my private text'), {
      query: 'insert into "ticket_message" ("body") values ($1)',
      params: ["my private text"],
    });
    const text = consoleMessage(["⨯", failed]);
    expect(text).toContain('insert into "ticket_message"');
    expect(text).not.toContain("my private text");
  });
});
