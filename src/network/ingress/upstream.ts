// One attempt at one endpoint over node:http, for upgrade handshakes (websocket.ts; plain requests
// go through undici in proxy.ts): the request, a connect timeout, an idle timeout, and the facts
// retry.ts decides on. The request is only written once the connection is up, so a refused or
// timed-out connect has provably sent nothing.

import http from "node:http";
import type { AttemptOutcome } from "./retry.js";
import type { BackendEndpoint } from "./resolver.js";

export interface AttemptOptions {
  endpoint: BackendEndpoint;
  agent: http.Agent;
  method: string;
  path: string;
  headers: string[];
  connectTimeoutMs: number;
  /** No byte either way for this long (before or during the response): give up. */
  idleTimeoutMs: number;
  /** The socket is connected: write the request (end it, or pipe the body into it). */
  send: (request: http.ClientRequest) => void;
}

export interface Attempt {
  request: http.ClientRequest;
  outcome: AttemptOutcome;
  /** Call on traffic to keep the idle timeout from firing. */
  touch: () => void;
  /** Stop the timers (the exchange is over). */
  done: () => void;
}

function timeoutError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

export function startAttempt(o: AttemptOptions): Attempt {
  const outcome: AttemptOutcome = { sent: false, responded: false, timedOut: false, bodyConsumed: false };
  let connectTimer: NodeJS.Timeout | undefined;
  let idleTimer: NodeJS.Timeout | undefined;
  const request = http.request({
    host: o.endpoint.host,
    port: o.endpoint.port,
    method: o.method,
    path: o.path,
    headers: o.headers,
    agent: o.agent,
    setHost: false,
  });
  const done = (): void => {
    if (connectTimer) clearTimeout(connectTimer);
    if (idleTimer) clearTimeout(idleTimer);
    connectTimer = undefined;
    idleTimer = undefined;
  };
  const connected = (): void => {
    if (connectTimer) clearTimeout(connectTimer);
    connectTimer = undefined;
    outcome.sent = true;
    idleTimer = setTimeout(() => {
      outcome.timedOut = true;
      request.destroy(timeoutError("E_UPSTREAM_TIMEOUT", `no answer within ${o.idleTimeoutMs} ms`));
    }, o.idleTimeoutMs);
    o.send(request);
  };
  request.on("socket", (socket) => {
    if (!socket.connecting) {
      connected();
      return;
    }
    connectTimer = setTimeout(() => {
      request.destroy(timeoutError("E_CONNECT_TIMEOUT", `connect timeout after ${o.connectTimeoutMs} ms`));
    }, o.connectTimeoutMs);
    socket.once("connect", connected);
  });
  request.on("response", () => {
    outcome.responded = true;
  });
  request.on("upgrade", () => {
    outcome.responded = true;
  });
  request.on("close", done);
  return {
    request,
    outcome,
    touch: () => idleTimer?.refresh(),
    done,
  };
}
