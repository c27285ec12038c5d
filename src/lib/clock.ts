/**
 * The console's one clock (spec 13). Services take `now` as an argument and fall back to this
 * clock, never to `new Date()`; the server, the jobs and the seed start it at
 * `SERVELINK_FAKE_NOW` when that is set (it then runs on), tests set it to month ends, year ends
 * and leap days, and the browser follows the server's clock (see `ServerClock`). It is kept on
 * `globalThis`, so every bundle of one process reads the same offset.
 */
interface TClockState {
  offsetMs: number;
}

const store = globalThis as unknown as { __servelinkClock?: TClockState };

export const FAKE_NOW_VARIABLE = "SERVELINK_FAKE_NOW";

/**
 * The start time `SERVELINK_FAKE_NOW` asks for, or null when it is not set. Refused (thrown) when
 * it is not an ISO time, and in production unless `SERVELINK_TEST_CLOCK=1` (a test of the
 * production build): a live console must never run on a made-up date.
 */
export function fakeNowFromEnv(vars: Record<string, string | undefined>): Date | null {
  const raw = vars[FAKE_NOW_VARIABLE]?.trim();
  if (!raw) return null;
  const at = new Date(raw);
  if (!/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2}))?$/.test(raw) || Number.isNaN(at.getTime())) {
    throw new Error(`${FAKE_NOW_VARIABLE}=${raw} is not an ISO 8601 time such as 2026-12-31T23:59:30Z.`);
  }
  if (vars.NODE_ENV === "production" && vars.SERVELINK_TEST_CLOCK !== "1") {
    throw new Error(
      `${FAKE_NOW_VARIABLE} is set in production: a live console cannot run on a made-up date. Unset it (tests of the production build also set SERVELINK_TEST_CLOCK=1).`,
    );
  }
  return at;
}

function processEnv(): Record<string, string | undefined> {
  return typeof process === "undefined" || !process.env ? {} : process.env;
}

function state(): TClockState {
  if (!store.__servelinkClock) {
    const fake = fakeNowFromEnv(processEnv());
    store.__servelinkClock = { offsetMs: fake ? fake.getTime() - Date.now() : 0 };
  }
  return store.__servelinkClock;
}

export const clock = {
  /** The current time (UTC instant). */
  now(): Date {
    return new Date(Date.now() + state().offsetMs);
  },
  nowMs(): number {
    return Date.now() + state().offsetMs;
  },
  /** Moves the clock to `at`; it runs on from there (tests, SERVELINK_FAKE_NOW). */
  set(at: Date | number | string): void {
    const ms = at instanceof Date ? at.getTime() : typeof at === "string" ? Date.parse(at) : at;
    if (Number.isNaN(ms)) throw new Error(`clock.set: ${String(at)} is not a time`);
    state().offsetMs = ms - Date.now();
  },
  /** Back to the machine's own time. */
  reset(): void {
    state().offsetMs = 0;
  },
  /** How far this clock is from the machine's (the browser aligns itself on the server with it). */
  offsetMs(): number {
    return state().offsetMs;
  },
  setOffsetMs(ms: number): void {
    state().offsetMs = ms;
  },
};
