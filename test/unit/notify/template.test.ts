import { describe, expect, it } from "vitest";
import {
  escapeSlack,
  renderTemplate,
  templateProblem,
  type TemplateValues,
} from "../../../src/notify/template.js";

const values: TemplateValues = {
  event: "sync-failed",
  app: "shop",
  revision: "0123456789abcdef0123456789abcdef01234567",
  shortRevision: "0123456",
  subject: "Bump web",
  message: "2 errors",
  health: "Degraded",
  sync: "OutOfSync",
  time: "2026-01-01T00:00:00Z",
};

describe("templates", () => {
  it("substitutes placeholders, with or without spaces", () => {
    expect(renderTemplate("{{app}} at {{ shortRevision }}: {{message}}", values)).toBe(
      "shop at 0123456: 2 errors",
    );
  });

  it("runs no code and takes values literally", () => {
    const v = { ...values, subject: "{{app}} ${process.exit()} `x`" };
    expect(renderTemplate("{{subject}}", v)).toBe("{{app}} ${process.exit()} `x`");
    expect(renderTemplate("{{constructor}} {{__proto__}}", values)).toBe("{{constructor}} {{__proto__}}");
  });

  it("reports unknown and empty placeholders", () => {
    expect(templateProblem("{{app}} {{revison}}")).toMatch(
      /"\{\{revison\}\}" is not a placeholder .*\{\{revision\}\}/,
    );
    expect(templateProblem("{{ }}")).toMatch(/names no value/);
    expect(templateProblem("{{constructor}}")).toMatch(/not a placeholder/);
    expect(templateProblem("plain {text} and {{app}}")).toBeUndefined();
  });

  it("escapes values, not the template, for Slack", () => {
    const v = { ...values, subject: "<!channel> & <https://evil|click>" };
    expect(renderTemplate("<https://ci/{{app}}|{{subject}}>", v, escapeSlack)).toBe(
      "<https://ci/shop|&lt;!channel&gt; &amp; &lt;https://evil|click&gt;>",
    );
  });
});
