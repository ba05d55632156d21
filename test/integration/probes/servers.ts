// Real servers on loopback for the probe executors to talk to.

import { readFileSync } from "node:fs";
import http from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";
import net from "node:net";
import { fileURLToPath } from "node:url";

export type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

export interface Running {
  port: number;
  close(): Promise<void>;
}

function listen(server: net.Server): Promise<Running> {
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as AddressInfo).port;
      resolve({
        port,
        close: () =>
          new Promise((done) => {
            if ("closeAllConnections" in server) (server as http.Server).closeAllConnections();
            server.close(() => {
              done();
            });
          }),
      });
    });
  });
}

export function httpServer(handler: Handler): Promise<Running> {
  return listen(http.createServer(handler));
}

const fixture = (name: string): string =>
  readFileSync(fileURLToPath(new URL(`../../fixtures/tls/${name}`, import.meta.url)), "utf8");

/** HTTPS with a self-signed certificate no client would trust. */
export function httpsServer(handler: Handler): Promise<Running> {
  return listen(
    https.createServer(
      { key: fixture("selfsigned-test-only.key"), cert: fixture("selfsigned-test-only.crt") },
      handler,
    ),
  );
}

export function tcpServer(): Promise<Running> {
  return listen(
    net.createServer((socket) => {
      socket.end();
    }),
  );
}

/** A port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = await tcpServer();
  await server.close();
  return server.port;
}
