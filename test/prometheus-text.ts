import { spawnSync } from "node:child_process";

export interface TSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+-?\d+)?$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"(?:,|$)/y;

/**
 * Reads Prometheus' text exposition format strictly: a line that is neither a comment nor a
 * well-formed sample throws, naming it. Enough for the tests; promtool checks the rest.
 */
export function parsePrometheusText(text: string): TSample[] {
  const samples: TSample[] = [];
  for (const line of text.split("\n")) {
    if (line === "" || line.startsWith("#")) continue;
    const m = SAMPLE.exec(line);
    if (!m) throw new Error(`not a sample line: ${line}`);
    const labels: Record<string, string> = {};
    const body = m[2] ?? "";
    LABEL.lastIndex = 0;
    while (LABEL.lastIndex < body.length) {
      const l = LABEL.exec(body);
      if (!l) throw new Error(`bad labels in: ${line}`);
      labels[l[1]!] = l[2]!.replace(/\\n/g, "\n").replace(/\\(["\\])/g, "$1");
    }
    // Go's float syntax, as Prometheus reads it: NaN and Inf in any case (prom-client writes "Nan").
    const raw = m[3]!.toLowerCase();
    const value = raw === "nan" ? NaN : /^[+-]?inf$/.test(raw) ? (raw.startsWith("-") ? -Infinity : Infinity) : Number(m[3]);
    if (Number.isNaN(value) && raw !== "nan") throw new Error(`bad value in: ${line}`);
    samples.push({ name: m[1]!, labels, value });
  }
  return samples;
}

/** promtool's path, or null where it is not installed (CI installs Debian's `prometheus` package). */
export function promtoolPath(): string | null {
  const found = spawnSync("sh", ["-c", "command -v promtool"], { encoding: "utf8" });
  return found.status === 0 ? found.stdout.trim() : null;
}

/** Runs promtool with `args` (and `input` on its standard input): its exit status and output. */
export function runPromtool(args: string[], opts: { input?: string; cwd?: string } = {}): { status: number | null; output: string } {
  const r = spawnSync("promtool", args, { input: opts.input, cwd: opts.cwd, encoding: "utf8" });
  return { status: r.status, output: `${r.stdout ?? ""}${r.stderr ?? ""}` };
}
