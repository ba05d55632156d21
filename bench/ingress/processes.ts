// Child processes for the ingress benchmarks: each started here, stopped by its PID at the end.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import net, { type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface Child {
  name: string;
  port: number;
  process: ChildProcess;
}

const children: Child[] = [];

/** Runs a TypeScript file under tsx in its own Node process; resolves when it prints {"port": n}. */
export function startScript(name: string, file: string, args: string[]): Promise<Child> {
  const child = spawn(process.execPath, ["--import", "tsx", file, ...args], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`${name} did not start within 20 s`)), 20_000);
    child.stdout.on("data", (c: Buffer) => {
      out += c.toString();
      const line = out.split("\n")[0];
      if (!out.includes("\n") || line === undefined) return;
      clearTimeout(timer);
      const started: Child = { name, port: (JSON.parse(line) as { port: number }).port, process: child };
      children.push(started);
      resolve(started);
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code}`));
    });
  });
}

export async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, "127.0.0.1", () => {
        socket.end();
        resolve(true);
      });
      socket.on("error", () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`nothing listens on 127.0.0.1:${port}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Installs Debian's nginx when it is missing (root, apt). */
export function ensureNginx(): string {
  const which = spawnSync("sh", ["-c", "command -v nginx || ls /usr/sbin/nginx"], { encoding: "utf8" });
  const found = which.stdout.trim().split("\n")[0];
  if (which.status === 0 && found) return found;
  const install = spawnSync(
    "sh",
    [
      "-c",
      "apt-get update -qq && export DEBIAN_FRONTEND=noninteractive && " +
        "(apt-get install -y -qq nginx-light || apt-get install -y -qq nginx)",
    ],
    {
      stdio: "inherit",
    },
  );
  if (install.status !== 0) throw new Error("nginx is missing and apt-get install nginx failed");
  return "/usr/sbin/nginx";
}

/**
 * nginx as a reverse proxy to the backend, configured like berth's ingress: one worker process
 * (berth serves from one thread), keep-alive upstream connections, Host and X-Forwarded-* set,
 * access log off.
 */
export async function startNginx(backendPort: number): Promise<Child> {
  const binary = ensureNginx();
  const dir = mkdtempSync(join(tmpdir(), "berth-bench-nginx-"));
  const port = await freePort();
  const conf = join(dir, "nginx.conf");
  writeFileSync(
    conf,
    `daemon off;
master_process on;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  upstream backend { server 127.0.0.1:${backendPort}; keepalive 256; }
  server {
    listen 127.0.0.1:${port};
    keepalive_requests 1000000;
    location / {
      proxy_pass http://backend;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_set_header X-Forwarded-Host $http_host;
      proxy_set_header X-Forwarded-Port $server_port;
    }
  }
}
`,
  );
  const child = spawn(binary, ["-p", dir, "-c", conf], { stdio: ["ignore", "ignore", "inherit"] });
  child.on("exit", () => rmSync(dir, { recursive: true, force: true }));
  const started: Child = { name: "nginx", port, process: child };
  children.push(started);
  await waitForPort(port, 10_000);
  return started;
}

/** Stops every child started here, by PID, and waits for each to exit. */
export async function stopAll(): Promise<void> {
  await Promise.all(
    children.splice(0).map(
      (c) =>
        new Promise<void>((resolve) => {
          if (c.process.exitCode !== null || c.process.pid === undefined) {
            resolve();
            return;
          }
          const kill = setTimeout(() => c.process.kill("SIGKILL"), 5_000);
          c.process.once("exit", () => {
            clearTimeout(kill);
            resolve();
          });
          process.kill(c.process.pid, "SIGTERM");
        }),
    ),
  );
}
