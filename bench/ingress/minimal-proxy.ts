// The smallest reverse proxy on each transport, to compare node:http with undici for the ingress:
// argv[2] is "node", "undici" or "undici-dispatch", argv[3] the backend port. Same header handling
// for all. "raw-upstream" is no proxy but a floor for bench/ingress-critical-path.ts: node:http's
// server in front of one raw keep-alive socket to the backend (a prebuilt GET, each answer taken
// as one chunk), i.e. what Node's server costs without any HTTP client.
// Child process of bench/ingress-transport.ts; prints {"port": n} once listening.
import http from "node:http";
import net, { type AddressInfo } from "node:net";
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
if (transport === "raw-upstream") {
  const request = "GET / HTTP/1.1\r\nhost: bench.local\r\nx-forwarded-for: 127.0.0.1\r\n\r\n";
  const idle: net.Socket[] = [];
  handler = (_req, res) => {
    const socket = idle.pop() ?? net.connect(backendPort, "127.0.0.1").setNoDelay(true);
    socket.removeAllListeners("data");
    socket.on("data", (chunk: Buffer) => {
      idle.push(socket);
      const body = chunk.subarray(chunk.indexOf("\r\n\r\n") + 4);
      res.writeHead(200, ["Content-Type", "text/plain", "Content-Length", String(body.length)]);
      res.end(body);
    });
    socket.write(request, "latin1");
  };
} else if (transport === "undici-dispatch") {
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
