// The ajv-error mapping on its own, with small schemas for the keywords berth's schemas use rarely
// or not at all, so a future schema that uses them still gets one readable issue per problem.
import { describe, expect, it } from "vitest";
import { newAjv } from "../../../src/manifest/schema.js";
import { issuesFromAjvErrors } from "../../../src/manifest/schema-errors.js";

function issues(schema: Record<string, unknown>, data: unknown) {
  const ajv = newAjv(true);
  ajv.addFormat("dns-label", /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
  const validate = ajv.compile(schema);
  expect(validate(data)).toBe(false);
  return issuesFromAjvErrors(validate.errors ?? [], data);
}

describe("issuesFromAjvErrors", () => {
  it("turns a failed anyOf into one issue instead of one per branch", () => {
    const schema = {
      type: "object",
      properties: {
        port: {
          anyOf: [
            { type: "integer", minimum: 1 },
            { type: "string", pattern: "^[a-z]+$" },
          ],
        },
      },
    };
    expect(issues(schema, { port: [1] })).toEqual([
      {
        severity: "error",
        code: "E_SCHEMA",
        message: "value does not match any of the allowed forms",
        path: ["port"],
        found: "a list",
      },
    ]);
  });

  it("shows the pattern when a schema gives no x-expected", () => {
    expect(issues({ type: "string", pattern: "^[a-z]+$" }, "ABC")).toEqual([
      {
        severity: "error",
        code: "E_VALUE",
        message: "value has the wrong format",
        path: [],
        expected: "a string matching /^[a-z]+$/",
        found: '"ABC"',
      },
    ]);
  });

  it("names a format", () => {
    expect(issues({ type: "string", format: "dns-label" }, "Web_1")).toEqual([
      {
        severity: "error",
        code: "E_VALUE",
        message: "value has the wrong format",
        path: [],
        expected: "a dns-label",
        found: '"Web_1"',
      },
    ]);
  });

  it("states one-sided and exclusive ranges", () => {
    const schema = {
      type: "object",
      properties: {
        a: { type: "number", exclusiveMinimum: 0 },
        b: { type: "integer", maximum: 10 },
      },
    };
    expect(issues(schema, { a: 0, b: 11 }).map((i) => [i.path, i.expected])).toEqual([
      [["a"], "a number > 0"],
      [["b"], "an integer <= 10"],
    ]);
  });

  it("reports size limits with counts", () => {
    const schema = {
      type: "object",
      properties: {
        hosts: { type: "array", maxItems: 2 },
        name: { type: "string", maxLength: 3 },
        data: { type: "object", minProperties: 2 },
      },
    };
    expect(issues(schema, { hosts: [1, 2, 3], name: "abcd", data: { a: 1 } })).toEqual([
      {
        severity: "error",
        code: "E_VALUE",
        message: "list is too long",
        path: ["hosts"],
        expected: "at most 2 items",
        found: "3 items",
      },
      {
        severity: "error",
        code: "E_VALUE",
        message: "string is too long",
        path: ["name"],
        expected: "at most 3 characters",
        found: "4 characters",
      },
      {
        severity: "error",
        code: "E_VALUE",
        message: "mapping is too short",
        path: ["data"],
        expected: "at least 2 fields",
        found: "1 field",
      },
    ]);
  });

  it("shows a single allowed value plainly", () => {
    expect(issues({ const: "v1" }, "beta")).toEqual([
      {
        severity: "error",
        code: "E_VALUE",
        message: "value not allowed",
        path: [],
        expected: '"v1"',
        found: '"beta"',
      },
    ]);
  });

  it("keeps map keys that look like numbers as strings in paths, and escapes JSON pointer characters", () => {
    const schema = {
      type: "object",
      properties: {
        data: { type: "object", additionalProperties: { type: "string" } },
        items: { type: "array", items: { type: "string" } },
      },
    };
    expect(issues(schema, { data: { "0": 1, "a/b~c": 2 }, items: ["x", 3] }).map((i) => i.path)).toEqual([
      ["data", "0"],
      ["data", "a/b~c"],
      ["items", 1],
    ]);
  });

  it("folds several unknown fields that replace one required field into it", () => {
    const schema = {
      type: "object",
      additionalProperties: false,
      required: ["service"],
      properties: { service: { type: "object" } },
      "x-replaced-by": { serviceName: ["service"], servicePort: ["service"] },
    };
    expect(issues(schema, { serviceName: "a", servicePort: 1 })).toEqual([
      {
        severity: "error",
        code: "E_SCHEMA",
        message: 'missing required field "service"',
        path: ["service"],
        hint: '"serviceName" and "servicePort" are not a field here: write "service"',
      },
    ]);
  });
});
