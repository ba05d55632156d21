// The backend every contender proxies to: a plain node:http server answering 256 bytes.
// Child process of bench/ingress.ts; prints {"port": n} once listening.
import http from "node:http";
import type { AddressInfo } from "node:net";

const body = Buffer.from("x".repeat(255) + "\n");
const server = http.createServer({ keepAliveTimeout: 120_000 }, (req, res) => {
  req.resume();
  req.on("end", () => {
    res.writeHead(200, { "Content-Type": "text/plain", "Content-Length": String(body.length) });
    res.end(body);
  });
});
server.listen(0, "127.0.0.1", () => {
  process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
});
