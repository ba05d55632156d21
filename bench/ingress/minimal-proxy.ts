// The smallest reverse proxy on each transport, to compare node:http with undici for the ingress:
// argv[2] is "node" or "undici", argv[3] the backend port. Same header handling for both.
// Child process of bench/ingress-transport.ts; prints {"port": n} once listening.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Pool } from "undici";

const transport = process.argv[2];
const backendPort = Number(process.argv[3]);
const HOP = new Set([
  "connection",
  "keep-alive",
  "transfer-encoding",
  "upgrade",
  "te",
  "trailer",
  "proxy-connection",
]);

function strip(headers: Record<string, string | string[] | undefined>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(headers)) if (v !== undefined && !HOP.has(k)) out[k] = v;
  return out;
}

let handler: (req: http.IncomingMessage, res: http.ServerResponse) => void;
if (transport === "undici-dispatch") {
  const pool = new Pool(`http://127.0.0.1:${backendPort}`, { connections: 256, keepAliveTimeout: 60_000 });
  handler = (req, res) => {
    pool.dispatch(
      {
        path: req.url ?? "/",
        method: "GET",
        headers: strip({ ...req.headers, "x-forwarded-for": "127.0.0.1" }),
      },
      {
        onRequestStart: () => undefined,
        onResponseStart: (_c, statusCode, headers) => {
          res.writeHead(statusCode, strip(headers));
        },
        onResponseData: (_c, chunk) => {
          res.write(chunk);
        },
        onResponseEnd: () => {
          res.end();
        },
        onResponseError: () => {
          res.statusCode = 502;
          res.end();
        },
      },
    );
  };
} else if (transport === "undici") {
  const pool = new Pool(`http://127.0.0.1:${backendPort}`, { connections: 256, keepAliveTimeout: 60_000 });
  handler = (req, res) => {
    pool
      .stream(
        {
          path: req.url ?? "/",
          method: "GET",
          headers: strip({ ...req.headers, "x-forwarded-for": "127.0.0.1" }),
        },
        ({ statusCode, headers }) => {
          res.writeHead(statusCode, strip(headers));
          return res;
        },
      )
      .catch(() => {
        res.statusCode = 502;
        res.end();
      });
  };
} else {
  const agent = new http.Agent({ keepAlive: true, scheduling: "lifo", maxFreeSockets: 256 });
  handler = (req, res) => {
    const up = http.request(
      {
        host: "127.0.0.1",
        port: backendPort,
        path: req.url,
        method: req.method,
        headers: strip({ ...req.headers, "x-forwarded-for": "127.0.0.1" }),
        agent,
      },
      (upRes) => {
        res.writeHead(upRes.statusCode ?? 502, strip(upRes.headers));
        upRes.pipe(res);
      },
    );
    up.on("error", () => {
      res.statusCode = 502;
      res.end();
    });
    up.end();
  };
}
const server = http.createServer({ keepAliveTimeout: 60_000 }, handler);
server.listen(0, "127.0.0.1", () => {
  process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
});
