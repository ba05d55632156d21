import { writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { locateStateFile } from "../../../../src/cli/reader/open.js";
import { tempDir } from "../../../support/state-fixtures.js";

let dir: { dir: string; cleanup: () => void };
beforeEach(() => (dir = tempDir("berth-locate-")));
afterEach(() => dir.cleanup());

const nothing = () => false;

describe("locateStateFile", () => {
  it("--state wins, then $BERTH_STATE", () => {
    expect(locateStateFile({ state: "s.json" }, { BERTH_STATE: "/x.json" }, nothing).path).toBe(
      resolve("s.json"),
    );
    expect(locateStateFile({}, { BERTH_STATE: "/x.json" }, nothing)).toEqual({
      path: "/x.json",
      lookedAt: ["/x.json"],
    });
  });

  it("then state.path of the configuration file, relative to it; only that field is read", () => {
    const config = join(dir.dir, "berth.yaml");
    writeFileSync(config, "state: {path: data/state.json}\napi: {token: {env: UNSET_TOKEN}}\n");
    expect(locateStateFile({ config }, {}, nothing).path).toBe(join(dir.dir, "data/state.json"));
    expect(locateStateFile({}, { BERTH_CONFIG: config }, nothing).path).toBe(
      join(dir.dir, "data/state.json"),
    );
  });

  it("a configuration without state.path falls through to the defaults", () => {
    const config = join(dir.dir, "berth.yaml");
    writeFileSync(config, "log: {level: info}\n");
    const at = locateStateFile({ config }, { HOME: "/home/u", XDG_STATE_HOME: "" }, nothing);
    const root = process.getuid?.() === 0;
    expect(at.path).toBe(root ? "/var/lib/berth/state.json" : "/home/u/.local/state/berth/state.json");
    expect(at.lookedAt).toEqual([at.path]);
  });

  it("without configuration: the same default path berth run uses", () => {
    const env = { XDG_STATE_HOME: "/home/u/.local/state" };
    const xdg = "/home/u/.local/state/berth/state.json";
    const root = process.getuid?.() === 0;
    const configDefault = root ? "/var/lib/berth/state.json" : xdg;
    expect(locateStateFile({}, env, nothing)).toEqual({ path: configDefault, lookedAt: [configDefault] });
  });

  it("a configuration file that does not parse is an error naming it", () => {
    const config = join(dir.dir, "berth.yaml");
    writeFileSync(config, "state: [unclosed\n");
    expect(() => locateStateFile({ config }, {}, nothing)).toThrow(
      /cannot read state.path from .*berth\.yaml/,
    );
  });
});
