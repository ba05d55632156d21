import { describe, expect, it } from "vitest";
import { Secret } from "../../../src/config/secret.js";
import { logApply, logError, logSyncPass } from "../../../src/notify/log-events.js";
import {
  createLogger,
  forApp,
  forController,
  forNode,
  loggerOptionsFromConfig,
  redactUrlsInLine,
} from "../../../src/notify/log.js";
import { BerthError } from "../../../src/util/errors.js";
import { captureLogger, MemoryLogStream } from "../../support/log-capture.js";

describe("logger", () => {
  it("writes JSON lines with a level label, an ISO time and the message", () => {
    const { logger, logs } = captureLogger("info");
    logger.info({ app: "shop" }, "hello");
    logger.debug("not at info");
    const [rec] = logs.records();
    expect(logs.lines).toHaveLength(1);
    expect(rec).toMatchObject({ level: "info", msg: "hello", app: "shop" });
    expect(rec?.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(rec).not.toHaveProperty("pid");
  });

  it("redacts secret-bearing keys at the top level and one level down", () => {
    const { logger, logs } = captureLogger();
    logger.info(
      {
        token: "tok-1",
        headers: { authorization: "Bearer tok-2", "x-gitlab-token": "tok-3", accept: "json" },
        webhook: { secret: "tok-4" },
        credentials: { password: "tok-5", username: "berth" },
        config: { api: { token: new Secret("tok-6") } },
      },
      "request",
    );
    const text = logs.text();
    for (const t of ["tok-1", "tok-2", "tok-3", "tok-4", "tok-5", "tok-6"]) expect(text).not.toContain(t);
    expect(logs.records()[0]).toMatchObject({
      token: "<redacted>",
      headers: { authorization: "<redacted>", accept: "json" },
      credentials: { username: "berth" },
    });
  });

  it("redacts credentials in URLs anywhere in the line, messages and error stacks included", () => {
    const { logger, logs } = captureLogger();
    const err = new Error("clone of https://berth:s3cr3t@git.example.com/org/app.git failed");
    logger.error(
      { err, repo: "https://tok3n@github.com/org/app", nested: { list: ["ssh://git:pw@h/r"] } },
      "x",
    );
    logger.warn("fetching https://user:hunter2@example.com/x");
    const text = logs.text();
    expect(text).not.toMatch(/s3cr3t|tok3n|hunter2|git:pw/);
    expect(text).toContain("https://berth:***@git.example.com/org/app.git");
    expect(text).toContain("https://***@github.com/org/app");
    expect(text).toContain("ssh://git:***@h/r");
    for (const line of logs.lines) expect(() => JSON.parse(line) as unknown).not.toThrow();
  });

  it("never joins two JSON strings when redacting (an e-mail after a URL stays)", () => {
    const line = JSON.stringify({ url: "https://host/path", author: "dev@example.com" });
    expect(redactUrlsInLine(line)).toBe(line);
  });

  it("tags child loggers with their component", () => {
    const { logger, logs } = captureLogger();
    forApp(logger, "shop").info("a");
    forNode(logger, "n1").info("b");
    forController(logger, "deployment").info("c");
    expect(logs.records()).toMatchObject([
      { component: "app", app: "shop" },
      { component: "node", node: "n1" },
      { component: "controller", controller: "deployment" },
    ]);
  });

  it("is pretty on a TTY and when asked, JSON otherwise", () => {
    const tty = new MemoryLogStream();
    createLogger({ destination: tty, isTTY: true, colorize: false }).info({ app: "shop" }, "pretty line");
    expect(tty.text()).toMatch(/INFO.*pretty line/);
    expect(() => JSON.parse(tty.lines[0] ?? "") as unknown).toThrow();

    const forced = new MemoryLogStream();
    createLogger({ destination: forced, isTTY: false, format: "pretty", colorize: false }).info("p");
    expect(forced.text()).toContain("INFO");

    const json = new MemoryLogStream();
    createLogger({ destination: json, isTTY: true, format: "json" }).info("j");
    expect(JSON.parse(json.lines[0] ?? "")).toMatchObject({ msg: "j" });
  });

  it("redacts URLs in pretty output too", () => {
    const tty = new MemoryLogStream();
    createLogger({ destination: tty, isTTY: true, colorize: false }).info({ repo: "https://a:b@h/r" }, "x");
    expect(tty.text()).toContain("https://a:***@h/r");
  });

  it("takes --log-level over the config's level", () => {
    expect(loggerOptionsFromConfig({ level: "info", format: "auto" }, { logLevel: "debug" })).toEqual({
      level: "debug",
      format: "auto",
    });
    expect(loggerOptionsFromConfig({ level: "warn", format: "json" })).toEqual({
      level: "warn",
      format: "json",
    });
  });
});

describe("log conventions", () => {
  it("writes one sync line per pass, warn when it failed", () => {
    const { logger, logs } = captureLogger();
    const pass = {
      app: "shop",
      revision: "a".repeat(40),
      subject: "Add web",
      created: 2,
      updated: 1,
      deleted: 0,
      unchanged: 7,
      durationMs: 120,
    };
    logSyncPass(logger, { ...pass, result: "succeeded" });
    logSyncPass(logger, { ...pass, result: "failed", code: "E_VALIDATION", errors: ["bad"] });
    expect(logs.records()).toMatchObject([
      { level: "info", msg: "sync", ...pass, result: "succeeded" },
      { level: "warn", msg: "sync", result: "failed", code: "E_VALIDATION" },
    ]);
  });

  it("writes apply lines and errors with stable codes", () => {
    const { logger, logs } = captureLogger();
    logApply(logger, {
      app: "shop",
      action: "create",
      kind: "Deployment",
      namespace: "default",
      name: "web",
    });
    logError(logger, new BerthError("E_GIT_AUTH", "denied", { hint: "check the token" }), "fetch failed", {
      app: "shop",
    });
    logError(logger, new TypeError("oops"), "bug");
    expect(logs.records()).toMatchObject([
      { msg: "apply", action: "create", kind: "Deployment", namespace: "default", name: "web" },
      { level: "error", msg: "fetch failed", code: "E_GIT_AUTH", hint: "check the token", app: "shop" },
      { level: "error", msg: "bug", code: "E_INTERNAL", err: { message: "oops" } },
    ]);
  });
});
