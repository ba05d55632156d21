// IPv4 addresses as 32-bit numbers: enough arithmetic to carve namespace subnets and cluster IPs
// out of one range. IPv6 is not used for Docker bridge networks here.

import { BerthError } from "../../util/errors.js";

export interface Cidr {
  /** The network address as an unsigned 32-bit number. */
  base: number;
  prefix: number;
}

const DOTTED = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

export function parseIPv4(text: string): number | undefined {
  const m = DOTTED.exec(text);
  if (!m) return undefined;
  let n = 0;
  for (const text of m.slice(1, 5)) {
    const part = Number(text);
    if (part > 255 || (text.length > 1 && text.startsWith("0"))) return undefined;
    n = n * 256 + part;
  }
  return n;
}

export function formatIPv4(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join(".");
}

export function cidrSize(c: Cidr): number {
  return 2 ** (32 - c.prefix);
}

/** "10.96.0.0/12" → {base, prefix}; the address must be the network's first. */
export function parseCidr(text: string): Cidr | undefined {
  const [addr, len, ...rest] = text.split("/");
  if (addr === undefined || len === undefined || rest.length > 0 || !/^\d{1,2}$/.test(len)) return undefined;
  const base = parseIPv4(addr);
  const prefix = Number(len);
  if (base === undefined || prefix > 32) return undefined;
  if (base % 2 ** (32 - prefix) !== 0) return undefined;
  return { base, prefix };
}

export function mustParseCidr(text: string, what: string): Cidr {
  const c = parseCidr(text);
  if (!c) {
    throw new BerthError("E_CONFIG", `${what} ${JSON.stringify(text)} is not an IPv4 network`, {
      hint: 'write it as address/prefix with the network address first, e.g. "10.96.0.0/12"',
    });
  }
  return c;
}

export function formatCidr(c: Cidr): string {
  return `${formatIPv4(c.base)}/${c.prefix}`;
}

export function cidrContains(c: Cidr, ip: number): boolean {
  return ip >= c.base && ip < c.base + cidrSize(c);
}
