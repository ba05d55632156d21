// tcpSocket probe: success when a TCP connection opens within the timeout.

import { connect } from "node:net";
import { joinHostPort } from "./port.js";
import type { ProbeOutcome } from "./types.js";

export function probeTcp(host: string, port: number, timeoutSeconds: number): Promise<ProbeOutcome> {
  const address = joinHostPort(host, port);
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const finish = (outcome: ProbeOutcome): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(outcome);
    };
    const timer = setTimeout(() => {
      finish({ result: "failure", output: `dial tcp ${address}: i/o timeout` });
    }, timeoutSeconds * 1000);
    socket.once("connect", () => {
      finish({ result: "success", output: "" });
    });
    socket.once("error", (err: NodeJS.ErrnoException) => {
      finish({ result: "failure", output: `dial tcp ${address}: ${dialError(err)}` });
    });
  });
}

/** Go's wording for the usual dial errors. */
export function dialError(err: NodeJS.ErrnoException): string {
  switch (err.code) {
    case "ECONNREFUSED":
      return "connect: connection refused";
    case "EHOSTUNREACH":
      return "connect: no route to host";
    case "ENETUNREACH":
      return "connect: network is unreachable";
    case "ETIMEDOUT":
      return "i/o timeout";
    default:
      return err.message;
  }
}
