// berth's ingress controller in its own process, routing host bench.local to the backend port
// given as argv[2]. Child process of bench/ingress.ts; prints {"port": n} once listening.
import { IngressController } from "../../src/network/ingress/server.js";
import { ObjectStore } from "../../src/state/store.js";

const backendPort = Number(process.argv[2]);
const store = new ObjectStore();
store.create({
  apiVersion: "networking.k8s.io/v1",
  kind: "Ingress",
  metadata: { name: "bench", namespace: "default", labels: {}, annotations: {} },
  spec: {
    rules: [
      {
        host: "bench.local",
        http: {
          paths: [
            {
              path: "/",
              pathType: "Prefix",
              backend: { service: { name: "bench", port: { name: "http" } } },
            },
          ],
        },
      },
    ],
  },
});
const endpoints = [{ host: "127.0.0.1", port: backendPort, pod: "default/bench" }];
const controller = new IngressController({
  http: "127.0.0.1:0",
  store,
  resolver: { resolve: () => ({ endpoints }) },
  // nginx runs with access_log off; berth still builds each entry, and drops it here.
  log: () => undefined,
});
const addresses = await controller.start();
process.stdout.write(`${JSON.stringify({ port: addresses.http?.port })}\n`);
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.once(signal, () => void controller.stop().then(() => process.exit(0)));
}
