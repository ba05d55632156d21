import { describe, expect, it } from "vitest";
import { mapCommand } from "../../../../src/runtime/spec/command.js";
import { mappingFor } from "../../../../src/runtime/spec/expand.js";

const env = mappingFor(
  new Map([
    ["GREETING", "hello"],
    ["PORT", "8080"],
  ]),
);

describe("mapCommand (Kubernetes command/args → Docker Entrypoint/Cmd)", () => {
  const table: [
    string,
    string[] | undefined,
    string[] | undefined,
    { Entrypoint?: string[]; Cmd?: string[] },
  ][] = [
    ["neither: the image's ENTRYPOINT and CMD", undefined, undefined, {}],
    [
      "command only: the image's CMD is dropped",
      ["/bin/server"],
      undefined,
      { Entrypoint: ["/bin/server"], Cmd: [] },
    ],
    [
      "args only: the image's ENTRYPOINT with these args",
      undefined,
      ["--port", "80"],
      { Cmd: ["--port", "80"] },
    ],
    ["both", ["/bin/sh", "-c"], ["echo hi"], { Entrypoint: ["/bin/sh", "-c"], Cmd: ["echo hi"] }],
    ["empty lists count as unset", [], [], {}],
    ["empty command with args", [], ["x"], { Cmd: ["x"] }],
    ["command with empty args", ["/bin/true"], [], { Entrypoint: ["/bin/true"], Cmd: [] }],
  ];
  it.each(table)("%s", (_name, command, args, expected) => {
    expect(mapCommand(command, args, env)).toEqual(expected);
  });

  it("expands $(VAR) in command and args, leaving unknown references and $$ escapes as Kubernetes does", () => {
    expect(mapCommand(["echo", "$(GREETING)"], ["--port=$(PORT)", "$(NOPE)", "$$(PORT)"], env)).toEqual({
      Entrypoint: ["echo", "hello"],
      Cmd: ["--port=8080", "$(NOPE)", "$(PORT)"],
    });
  });

  it("does not treat shell syntax as references", () => {
    expect(mapCommand(["sh", "-c", "echo $GREETING ${PORT}"], undefined, env)).toEqual({
      Entrypoint: ["sh", "-c", "echo $GREETING ${PORT}"],
      Cmd: [],
    });
  });
});
