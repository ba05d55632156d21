import { afterEach, describe, expect, it, vi } from "vitest";
import { runCli } from "../../../src/cli/program.js";
import { writeConfig } from "../config/helpers.js";

function capture(): { out: () => string; err: () => string } {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(process.stdout, "write").mockImplementation((chunk) => (out.push(String(chunk)), true));
  vi.spyOn(process.stderr, "write").mockImplementation((chunk) => (err.push(String(chunk)), true));
  return { out: () => out.join(""), err: () => err.join("") };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("berth config", () => {
  it("prints the effective configuration with secrets redacted", async () => {
    const file = writeConfig("api: {token: do-not-print-me}\nlog: {level: debug}\n");
    const io = capture();
    expect(await runCli(["config", "--config", file, "--json"])).toBe(0);
    const printed = JSON.parse(io.out()) as {
      api: { token: string };
      log: { level: string };
      nodes: unknown[];
    };
    expect(printed.api.token).toBe("<redacted>");
    expect(printed.log.level).toBe("debug");
    expect(printed.nodes).toHaveLength(1);
    expect(io.out()).not.toContain("do-not-print-me");
  });

  it("prints YAML by default", async () => {
    const io = capture();
    expect(await runCli(["config", "-c", writeConfig("")])).toBe(0);
    expect(io.out()).toMatch(/^runtime:$/m);
  });

  it("exits 1 and lists the problems when the file is invalid", async () => {
    const file = writeConfig("log: {levl: debug}\n");
    const io = capture();
    expect(await runCli(["config", "-c", file])).toBe(1);
    expect(io.err()).toBe(`${file}:1:7: log.levl: is not a known field; did you mean level? [E_CONFIG]\n`);
    expect(io.out()).toBe("");
  });
});
