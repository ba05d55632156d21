// Network git remotes on loopback for the sync tests: `git daemon` (git://) and `git http-backend`
// behind a small Node HTTP server (CGI), optionally demanding Basic auth. Each is stopped by the test
// that started it, by PID.

import { spawn, type ChildProcess } from "node:child_process";
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from "node:http";
import { connect, createServer, type Socket } from "node:net";

/** A loopback port nothing listens on (right now). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

async function waitForPort(port: number, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, "127.0.0.1");
      socket.once("connect", () => {
        socket.destroy();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`nothing listens on 127.0.0.1:${port}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export interface GitDaemon {
  port: number;
  pid: number;
  url(repo: string): string;
  stop(): Promise<void>;
}

/** `git daemon` serving every repository under `baseDir` at git://127.0.0.1:<port>/<name>. */
export async function startGitDaemon(baseDir: string, port?: number): Promise<GitDaemon> {
  const p = port ?? (await freePort());
  const child = spawn(
    "git",
    [
      "daemon",
      "--export-all",
      `--base-path=${baseDir}`,
      "--listen=127.0.0.1",
      `--port=${p}`,
      "--reuseaddr",
      baseDir,
    ],
    { stdio: "ignore" },
  );
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  await waitForPort(p);
  const pid = child.pid;
  if (pid === undefined) throw new Error("git daemon did not start");
  return {
    port: p,
    pid,
    url: (repo) => `git://127.0.0.1:${p}/${repo}`,
    stop: async () => {
      stopByPid(child);
      await exited;
    },
  };
}

export interface HttpGit {
  port: number;
  url(repo: string, userinfo?: string): string;
  /** Request lines seen, with whether they carried an Authorization header. */
  requests: string[];
  stop(): Promise<void>;
}

/** `git http-backend` (CGI) behind a Node server; with `auth`, every request needs Basic auth. */
export async function startHttpGit(
  projectRoot: string,
  auth?: { user: string; password: string },
): Promise<HttpGit> {
  const requests: string[] = [];
  const expected = auth
    ? `Basic ${Buffer.from(`${auth.user}:${auth.password}`).toString("base64")}`
    : undefined;
  const server = createHttpServer((req, res) => {
    requests.push(`${req.method ?? ""} ${req.url ?? ""} auth=${req.headers.authorization ? "yes" : "no"}`);
    if (expected !== undefined && req.headers.authorization !== expected) {
      req.resume();
      res.writeHead(401, { "WWW-Authenticate": 'Basic realm="berth-test"' }).end("unauthorized\n");
      return;
    }
    serveCgi(projectRoot, auth?.user, req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("no port");
  return {
    port: address.port,
    url: (repo, userinfo) => `http://${userinfo ? `${userinfo}@` : ""}127.0.0.1:${address.port}/${repo}`,
    requests,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function serveCgi(root: string, user: string | undefined, req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? "/", "http://127.0.0.1");
  const header = (name: string): string => {
    const v = req.headers[name];
    return Array.isArray(v) ? v.join(", ") : (v ?? "");
  };
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    GIT_PROJECT_ROOT: root,
    GIT_HTTP_EXPORT_ALL: "1",
    REQUEST_METHOD: req.method ?? "GET",
    PATH_INFO: decodeURIComponent(url.pathname),
    QUERY_STRING: url.search.replace(/^\?/, ""),
    CONTENT_TYPE: header("content-type"),
    REMOTE_ADDR: "127.0.0.1",
    REMOTE_USER: user ?? "",
    GIT_PROTOCOL: header("git-protocol"),
    HTTP_CONTENT_ENCODING: header("content-encoding"),
  };
  if (req.headers["content-length"] !== undefined) env.CONTENT_LENGTH = header("content-length");
  const cgi = spawn("git", ["http-backend"], { env, stdio: ["pipe", "pipe", "ignore"] });
  req.pipe(cgi.stdin);
  cgi.stdin.on("error", () => undefined);
  let head = Buffer.alloc(0);
  let headersDone = false;
  cgi.stdout.on("data", (chunk: Buffer) => {
    if (headersDone) {
      res.write(chunk);
      return;
    }
    head = Buffer.concat([head, chunk]);
    const end = head.indexOf("\r\n\r\n");
    if (end < 0) return;
    headersDone = true;
    let status = 200;
    for (const line of head.subarray(0, end).toString("latin1").split("\r\n")) {
      const colon = line.indexOf(":");
      const name = line.slice(0, colon).trim();
      const value = line.slice(colon + 1).trim();
      if (name.toLowerCase() === "status") status = Number.parseInt(value, 10);
      else res.setHeader(name, value);
    }
    res.writeHead(status);
    res.write(head.subarray(end + 4));
  });
  cgi.on("close", () => {
    if (!headersDone) res.writeHead(502);
    res.end();
  });
}

function stopByPid(child: ChildProcess): void {
  if (child.pid !== undefined && child.exitCode === null) process.kill(child.pid, "SIGTERM");
}

export interface Blackhole {
  port: number;
  stop(): Promise<void>;
}

/** Accepts connections and never answers: a remote that hangs. */
export async function startBlackhole(): Promise<Blackhole> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on("error", () => undefined);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("no port");
  return {
    port: address.port,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
