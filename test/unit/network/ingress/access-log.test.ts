import { describe, expect, it } from "vitest";
import { pinoAccessLogger, type AccessLogEntry } from "../../../../src/network/ingress/access-log.js";
import { captureLogger } from "../../../support/log-capture.js";

function entry(extra: Partial<AccessLogEntry> = {}): AccessLogEntry {
  return {
    msg: "ingress request",
    time: 1767225600000,
    remoteAddress: "203.0.113.9",
    method: "GET",
    host: "shop.example.com",
    path: "/api/cart",
    protocol: "https",
    status: 200,
    bytes: 512,
    durationMs: 1.83,
    requestId: "0f8fad5b-d9cb-469f-a165-70867728950e",
    ...extra,
  };
}

describe("pinoAccessLogger", () => {
  it("writes one JSON line per entry with the logger's bindings, pino's own time and the message", () => {
    const { logger, logs } = captureLogger("info");
    const log = pinoAccessLogger(logger.child({ component: "ingress" }));
    log(entry({ upstream: "10.0.0.5:32001", attempts: 1, service: "shop/api:http" }));
    log(entry({ status: 499, aborted: true }));
    const [first, second] = logs.records();
    expect(logs.lines).toHaveLength(2);
    expect(first).toMatchObject({
      level: "info",
      component: "ingress",
      msg: "ingress request",
      remoteAddress: "203.0.113.9",
      path: "/api/cart",
      status: 200,
      upstream: "10.0.0.5:32001",
      service: "shop/api:http",
    });
    // pino's ISO time, not the entry's epoch milliseconds twice.
    expect(first?.time).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(second).toMatchObject({ status: 499, aborted: true });
  });

  it("still redacts credentials inside URLs anywhere in the line", () => {
    const { logger, logs } = captureLogger("info");
    pinoAccessLogger(logger)(
      entry({ path: "/go/https://alice:s3cret@example.com/x", error: "ftp://bob:pw@h/" }),
    );
    expect(logs.text()).not.toContain("s3cret");
    expect(logs.text()).not.toContain(":pw@");
    expect(logs.records()[0]?.path).toBe("/go/https://alice:***@example.com/x");
  });

  it("leaves the redaction of the logger it came from in place for everything else", () => {
    const { logger, logs } = captureLogger("info");
    const child = logger.child({ component: "ingress" });
    pinoAccessLogger(child)(entry());
    child.info({ token: "tok-1" }, "other line");
    expect(logs.text()).not.toContain("tok-1");
  });
});
