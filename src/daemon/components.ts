// The parts of a running daemon besides apps and controllers: node agents, the scheduling loop,
// service proxies, the ingress, the API. Each starts after the store is loaded.
import type { Component, Daemon } from "./daemon.js";

export function buildComponents(_daemon: Daemon): Component[] {
  return [];
}
