import { lookup as dnsLookup } from "node:dns/promises";
import { isIP } from "node:net";
import { DomainError } from "@/server/errors";

/*
 * The SSRF guard of outbound webhooks (spec 18.1). An endpoint must be `https://` and neither be nor
 * resolve to a loopback, private, link-local or otherwise non-public address (`localhost` and
 * `*.localhost` too). The name is resolved once, every address it has is checked, and the
 * connection goes to the checked address (see `send.ts`): a DNS answer that changes between the
 * check and the connection (rebinding) cannot move it. `WEBHOOKS_ALLOW_LOOPBACK=1` (development and
 * tests only) lets loopback through, over `http://` too; private and link-local stay refused.
 */

export type TAddressKind = "public" | "loopback" | "private" | "link_local" | "reserved";

export interface TCheckedTarget {
  url: URL;
  /** The address the connection must go to. */
  address: string;
  family: 4 | 6;
}

export type TLookupAll = (hostname: string) => Promise<{ address: string; family: number }[]>;

const defaultLookup: TLookupAll = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

export function loopbackAllowed(env: Record<string, string | undefined> = process.env): boolean {
  return env.WEBHOOKS_ALLOW_LOOPBACK === "1";
}

function ipv4Number(address: string): number {
  return address.split(".").reduce((n, part) => n * 256 + Number(part), 0);
}

function inV4(n: number, base: string, bits: number): boolean {
  const size = 2 ** (32 - bits);
  const start = ipv4Number(base);
  return n >= start && n < start + size;
}

function classifyV4(address: string): TAddressKind {
  const n = ipv4Number(address);
  if (inV4(n, "127.0.0.0", 8)) return "loopback";
  if (inV4(n, "10.0.0.0", 8) || inV4(n, "172.16.0.0", 12) || inV4(n, "192.168.0.0", 16) || inV4(n, "100.64.0.0", 10)) return "private";
  if (inV4(n, "169.254.0.0", 16)) return "link_local";
  if (
    inV4(n, "0.0.0.0", 8) ||
    inV4(n, "192.0.0.0", 24) ||
    inV4(n, "192.0.2.0", 24) ||
    inV4(n, "198.18.0.0", 15) ||
    inV4(n, "198.51.100.0", 24) ||
    inV4(n, "203.0.113.0", 24) ||
    inV4(n, "224.0.0.0", 4) ||
    inV4(n, "240.0.0.0", 4)
  ) {
    return "reserved";
  }
  return "public";
}

/** The eight 16-bit groups of an IPv6 address (`::`, an IPv4 tail and a zone accepted). */
function ipv6Groups(address: string): number[] {
  let text = address.split("%")[0]!.toLowerCase();
  const v4Tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4Tail) {
    const n = ipv4Number(v4Tail[1]!);
    text = `${text.slice(0, -v4Tail[1]!.length)}${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const [head, tail] = text.split("::") as [string, string | undefined];
  const part = (s: string | undefined) => (s ? s.split(":").map((g) => parseInt(g, 16)) : []);
  const h = part(head);
  const t = part(tail);
  const fill = tail === undefined ? [] : new Array<number>(8 - h.length - t.length).fill(0);
  return [...h, ...fill, ...t];
}

function classifyV6(address: string): TAddressKind {
  const g = ipv6Groups(address);
  if (g.length !== 8 || g.some((x) => Number.isNaN(x))) return "reserved";
  const zeroUpTo = (k: number) => g.slice(0, k).every((x) => x === 0);
  // IPv4-mapped (::ffff:a.b.c.d): what the IPv4 address is.
  if (zeroUpTo(5) && g[5] === 0xffff) return classifyV4(`${g[6]! >> 8}.${g[6]! & 0xff}.${g[7]! >> 8}.${g[7]! & 0xff}`);
  if (zeroUpTo(7) && g[7] === 1) return "loopback";
  if (zeroUpTo(6)) return "reserved"; // ::, and the old IPv4-compatible ::a.b.c.d
  if ((g[0]! & 0xfe00) === 0xfc00) return "private"; // fc00::/7
  if ((g[0]! & 0xffc0) === 0xfe80) return "link_local"; // fe80::/10
  if ((g[0]! & 0xffc0) === 0xfec0) return "private"; // fec0::/10, the old site-local
  if ((g[0]! & 0xff00) === 0xff00) return "reserved"; // multicast
  if (g[0] === 0x64 && g[1] === 0xff9b) return "reserved"; // NAT64: an IPv4 address behind it
  if (g[0] === 0x2002) return "reserved"; // 6to4: likewise
  if (g[0] === 0x2001 && g[1] === 0xdb8) return "reserved"; // documentation
  return "public";
}

/** What kind of network an IP address belongs to. */
export function classifyAddress(address: string): TAddressKind {
  const family = isIP(address);
  if (family === 4) return classifyV4(address);
  if (family === 6) return classifyV6(address);
  return "reserved";
}

function refused(message: string): DomainError {
  return new DomainError("BAD_REQUEST", message, { reason: "webhook_url_refused" });
}

const KIND_WORDS: Record<Exclude<TAddressKind, "public">, string> = {
  loopback: "a loopback address",
  private: "a private network address",
  link_local: "a link-local address",
  reserved: "a reserved or non-public address",
};

/**
 * Checks an endpoint's URL and resolves it: answers the URL and the one address to connect to, or
 * throws BAD_REQUEST (`reason: "webhook_url_refused"`) saying why.
 */
export async function checkWebhookUrl(raw: string, opts: { allowLoopback?: boolean; lookup?: TLookupAll } = {}): Promise<TCheckedTarget> {
  const allowLoopback = opts.allowLoopback ?? loopbackAllowed();
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw refused("The endpoint URL is not a valid URL.");
  }
  if (url.protocol !== "https:" && !(url.protocol === "http:" && allowLoopback)) {
    throw refused("The endpoint URL must start with https://.");
  }
  if (url.username || url.password) throw refused("The endpoint URL must not carry a user name or password.");
  const host = url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (!host) throw refused("The endpoint URL has no host.");
  const isLocalhostName = host === "localhost" || host.endsWith(".localhost") || host === "localhost.";
  if (isLocalhostName && !allowLoopback) throw refused("The endpoint URL cannot be localhost.");

  let addresses: { address: string; family: number }[];
  if (isIP(host)) {
    addresses = [{ address: host, family: isIP(host) }];
  } else {
    try {
      addresses = await (opts.lookup ?? defaultLookup)(host);
    } catch {
      throw refused(`The endpoint's host ${host} could not be resolved.`);
    }
    if (addresses.length === 0) throw refused(`The endpoint's host ${host} could not be resolved.`);
  }
  for (const a of addresses) {
    const kind = classifyAddress(a.address);
    if (kind === "public") continue;
    if (kind === "loopback" && allowLoopback) continue;
    throw refused(`The endpoint URL is or resolves to ${KIND_WORDS[kind]}, which webhooks are never sent to.`);
  }
  const chosen = addresses[0]!;
  if (isLocalhostName && classifyAddress(chosen.address) !== "loopback") throw refused("localhost must resolve to a loopback address.");
  if (url.protocol === "http:" && classifyAddress(chosen.address) !== "loopback") {
    throw refused("The endpoint URL must start with https://.");
  }
  return { url, address: chosen.address, family: chosen.family === 6 ? 6 : 4 };
}
