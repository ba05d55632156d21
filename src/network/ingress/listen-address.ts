// Listen addresses from berth's config (`ingress.http`, `ingress.https`): "127.0.0.1:8080",
// "[::1]:8443", or ":8080" / "8080" for every interface (IPv4 and IPv6), as Go servers read them.
// src/config validates them when berth.yaml loads; port 0 (a free port) is accepted here for tests.

import { BerthError } from "../../util/errors.js";

export interface ListenAddress {
  /** "" for every interface. */
  host: string;
  port: number;
}

export function parseListenAddress(value: string, key: string): ListenAddress {
  const v = value.trim();
  let host: string;
  let portText: string;
  const bracket = /^\[([^\]]+)\]:(\d+)$/.exec(v);
  if (bracket) {
    host = bracket[1] ?? "";
    portText = bracket[2] ?? "";
  } else if (/^\d+$/.test(v)) {
    host = "";
    portText = v;
  } else {
    const colon = v.lastIndexOf(":");
    if (colon === -1 || v.indexOf(":") !== colon) throw invalid(value, key);
    host = v.slice(0, colon);
    portText = v.slice(colon + 1);
  }
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) throw invalid(value, key);
  return { host, port };
}

function invalid(value: string, key: string): BerthError {
  return new BerthError("E_CONFIG_INVALID", `${key}: "${value}" is not a listen address`, {
    hint: 'write host:port, e.g. "127.0.0.1:8080", "[::1]:8443" or ":8080" for every interface',
  });
}

export function formatListenAddress(a: ListenAddress): string {
  if (a.host === "") return `:${a.port}`;
  return a.host.includes(":") ? `[${a.host}]:${a.port}` : `${a.host}:${a.port}`;
}
