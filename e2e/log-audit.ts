// The audit of the server's log after an end-to-end run (spec 17, rule 13): every line is JSON, and
// none holds a configured secret, a personal API token, a 64-hex hash (a token's), a session cookie,
// an Authorization header's credential, a password or a message's text that the tests sent. A leak is
// reported by file, line and kind, never with the secret itself in full.

/** What the log must never hold, by name: the server's secrets, the tests' passwords, the message bodies they post. */
export interface TLogWatch {
  secrets: { name: string; value: string }[];
  passwords: string[];
  messageBodies: string[];
}

export interface TLeak {
  file: string;
  line: number;
  kind: string;
  /** The line with every finding masked, cut to a readable length. */
  excerpt: string;
}

export interface TAuditResult {
  lines: number;
  leaks: TLeak[];
}

interface TFinding {
  kind: string;
  start: number;
  end: number;
}

// Next's own banner, should it print one before the logger takes the console (server.mjs).
const BANNER = [/^\s*▲ Next\.js \d/, /^\s*- (Local|Network|Environments?):/, /^\s*✓ (Ready|Starting)/];

/** Every occurrence of `needle` (and of its URL-encoded form) in `line`. */
function occurrences(line: string, needle: string, kind: string): TFinding[] {
  const found: TFinding[] = [];
  for (const form of new Set([needle, encodeURIComponent(needle), JSON.stringify(needle).slice(1, -1)])) {
    if (form.length < 4) continue;
    for (let at = line.indexOf(form); at >= 0; at = line.indexOf(form, at + 1)) found.push({ kind, start: at, end: at + form.length });
  }
  return found;
}

function patterns(line: string, re: RegExp, kind: string): TFinding[] {
  return [...line.matchAll(re)].map((m) => ({ kind, start: m.index, end: m.index + m[0].length }));
}

/** What one line leaks (empty: nothing). */
function findLeaks(line: string, watch: TLogWatch): TFinding[] {
  const found: TFinding[] = [];
  for (const s of watch.secrets) found.push(...occurrences(line, s.value, `secret ${s.name}`));
  for (const p of watch.passwords) found.push(...occurrences(line, p, "password"));
  for (const b of watch.messageBodies) found.push(...occurrences(line, b, "message body"));
  // A personal API token: pat_ and its 43 base64url characters (a token's 12-character prefix is not secret).
  found.push(...patterns(line, /pat_[A-Za-z0-9_-]{20,}/g, "API token"));
  // A SHA-256 in hex: an API token's stored hash, an idempotency key's or a webhook's digest.
  found.push(...patterns(line, /(?<![0-9a-fA-F])[0-9a-fA-F]{64}(?![0-9a-fA-F])/g, "64-hex hash"));
  // better-auth's cookies (session token, cached session data), with or without the __Secure- prefix.
  found.push(...patterns(line, /better-auth\.(session_token|session_data|dont_remember)/g, "session cookie"));
  found.push(...patterns(line, /\b(set-)?cookie\\?"?\s*[:=]/gi, "cookie header"));
  found.push(...patterns(line, /\bBearer\s+[A-Za-z0-9._~+/=-]{8,}/g, "Authorization: Bearer"));
  return found;
}

/** The line with each finding replaced by its kind, cut to 160 characters: never the secret itself. */
function mask(line: string, findings: TFinding[]): string {
  let out = line;
  for (const f of [...findings].sort((a, b) => b.start - a.start)) {
    out = `${out.slice(0, f.start)}«${f.kind}»${out.slice(Math.max(f.end, f.start))}`;
  }
  return out.length > 160 ? `${out.slice(0, 157)}...` : out;
}

function isJsonObject(line: string): boolean {
  try {
    const v: unknown = JSON.parse(line);
    return typeof v === "object" && v !== null && !Array.isArray(v);
  } catch {
    return false;
  }
}

/** Audits one log's text: its lines (blank ones aside) and what leaks in them. */
export function auditLogText(text: string, watch: TLogWatch, file = "server.log"): TAuditResult {
  const leaks: TLeak[] = [];
  let lines = 0;
  text.split("\n").forEach((raw, i) => {
    const line = raw.replace(/\r$/, "");
    if (line.trim() === "") return;
    lines++;
    const findings = findLeaks(line, watch);
    const kinds = new Set(findings.map((f) => f.kind));
    for (const kind of kinds) leaks.push({ file, line: i + 1, kind, excerpt: mask(line, findings) });
    if (!isJsonObject(line) && !BANNER.some((b) => b.test(line))) leaks.push({ file, line: i + 1, kind: "not a JSON line", excerpt: mask(line, findings) });
  });
  return { lines, leaks };
}

/** One line per leak, then the summary: `log audit: 12,345 lines, 0 leaks`. */
export function auditReport(results: TAuditResult[]): { ok: boolean; text: string } {
  const lines = results.reduce((n, r) => n + r.lines, 0);
  const leaks = results.flatMap((r) => r.leaks);
  const shown = leaks.slice(0, 50).map((l) => `log audit: ${l.file}:${l.line}: ${l.kind}: ${l.excerpt}`);
  if (leaks.length > shown.length) shown.push(`log audit: ... and ${leaks.length - shown.length} more`);
  const summary = `log audit: ${lines.toLocaleString("en-US")} lines, ${leaks.length.toLocaleString("en-US")} leak${leaks.length === 1 ? "" : "s"}`;
  return { ok: leaks.length === 0, text: [...shown, summary].join("\n") };
}
