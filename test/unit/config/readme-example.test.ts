// The annotated berth.yaml in README.md must load as it stands.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { load, tempDir } from "./helpers.js";

const readme = readFileSync(new URL("../../../README.md", import.meta.url), "utf8");

describe("README's berth.yaml example", () => {
  it("loads", async () => {
    const section = readme.slice(readme.indexOf("## Configuration (berth.yaml)"));
    const yaml = /```yaml\n([\s\S]*?)```/.exec(section)?.[1];
    expect(yaml).toBeDefined();
    const dir = tempDir();
    mkdirSync(join(dir, "certs"));
    for (const f of ["ca.pem", "cert.pem", "key.pem"]) writeFileSync(join(dir, "certs", f), "");
    const c = await load(
      yaml ?? "",
      {
        SHOP_GIT_TOKEN: "t",
        BERTH_API_TOKEN: "a",
        GITHUB_WEBHOOK_SECRET: "g",
        SLACK_WEBHOOK_URL: "https://hooks.slack.com/services/T/B/X",
      },
      dir,
    );
    expect(c.nodes.map((n) => `${n.name}@${n.address}`)).toEqual([
      "web-1@127.0.0.1",
      "web-2@10.0.0.2",
      "gpu-1@10.0.0.3",
    ]);
    expect(c.sources.map((s) => s.name)).toEqual(["shop"]);
    expect(c.notifications.map((n) => n.name)).toEqual(["team"]);
  });
});
