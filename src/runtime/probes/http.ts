// httpGet probe, as the kubelet runs it: GET with User-Agent kube-probe and Accept */* unless the
// probe sets them, no keep-alive, HTTPS without certificate checks, redirects followed only to the
// same host (a redirect elsewhere counts as success), 200 ≤ status < 400 succeeds, and the whole
// exchange bounded by timeoutSeconds.

import http from "node:http";
import https from "node:https";
import { MAX_PROBE_OUTPUT } from "./output.js";
import { joinHostPort } from "./port.js";
import { dialError } from "./tcp.js";
import type { ProbeOutcome } from "./types.js";

export const PROBE_USER_AGENT = "kube-probe/1.33";
const MAX_REDIRECTS = 10;

export interface HttpProbeRequest {
  scheme: "HTTP" | "HTTPS";
  host: string;
  port: number;
  path: string;
  headers: { name: string; value: string }[];
  timeoutSeconds: number;
}

export function probeUrl(req: Pick<HttpProbeRequest, "scheme" | "host" | "port" | "path">): URL {
  const path = req.path === "" ? "/" : req.path.startsWith("/") ? req.path : `/${req.path}`;
  return new URL(`${req.scheme.toLowerCase()}://${joinHostPort(req.host, req.port)}${path}`);
}

function buildHeaders(list: { name: string; value: string }[]): Record<string, string> {
  const headers: Record<string, string> = {};
  const has = (name: string): boolean => list.some((h) => h.name.toLowerCase() === name);
  for (const h of list) {
    const key = h.name.toLowerCase();
    headers[key] = key in headers ? `${headers[key]}, ${h.value}` : h.value;
  }
  if (!has("user-agent")) headers["user-agent"] = PROBE_USER_AGENT;
  if (!has("accept")) headers.accept = "*/*";
  else if (headers.accept === "") delete headers.accept;
  headers.connection = "close";
  return headers;
}

interface Response {
  status: number;
  location: string | undefined;
  body: string;
}

function getOnce(url: URL, headers: Record<string, string>, signal: AbortSignal): Promise<Response> {
  const client = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(
      url,
      { method: "GET", headers, agent: false, signal, rejectUnauthorized: false },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (chunk: Buffer) => {
          if (size < MAX_PROBE_OUTPUT) chunks.push(chunk);
          size += chunk.length;
        });
        res.on("end", () => {
          const body = Buffer.concat(chunks).subarray(0, MAX_PROBE_OUTPUT).toString("utf8");
          resolve({ status: res.statusCode ?? 0, location: res.headers.location, body });
        });
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    // An abort while the body streams may end the response without an error event.
    signal.addEventListener("abort", () => reject(new Error("aborted")), { once: true });
    req.end();
  });
}

export async function probeHttp(request: HttpProbeRequest): Promise<ProbeOutcome> {
  const headers = buildHeaders(request.headers);
  const first = probeUrl(request);
  const controller = new AbortController();
  const timer = setTimeout(() => {
    controller.abort();
  }, request.timeoutSeconds * 1000);
  let url = first;
  try {
    for (let redirects = 0; ; redirects++) {
      const res = await getOnce(url, headers, controller.signal);
      if (res.status >= 300 && res.status < 400 && res.location !== undefined) {
        const next = new URL(res.location, url);
        if (next.hostname !== first.hostname) {
          return { result: "success", output: `Probe terminated redirects, Response body: ${res.body}` };
        }
        if (redirects + 1 >= MAX_REDIRECTS) {
          return {
            result: "failure",
            output: `Get "${next.href}": stopped after ${MAX_REDIRECTS} redirects`,
          };
        }
        url = next;
        continue;
      }
      if (res.status >= 200 && res.status < 400) return { result: "success", output: res.body };
      return { result: "failure", output: `HTTP probe failed with statuscode: ${res.status}` };
    }
  } catch (err) {
    if (controller.signal.aborted) {
      return {
        result: "failure",
        output: `Get "${url.href}": context deadline exceeded (Client.Timeout exceeded while awaiting headers)`,
      };
    }
    return { result: "failure", output: `Get "${url.href}": ${dialError(err as NodeJS.ErrnoException)}` };
  } finally {
    clearTimeout(timer);
  }
}
