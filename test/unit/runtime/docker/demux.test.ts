import { describe, expect, it } from "vitest";
import { demuxBuffer, demuxToBuffer } from "../../../../src/runtime/docker/demux.js";

function frame(stream: 1 | 2, text: string): Buffer {
  const data = Buffer.from(text);
  const h = Buffer.alloc(8);
  h[0] = stream;
  h.writeUInt32BE(data.length, 4);
  return Buffer.concat([h, data]);
}

describe("demux", () => {
  it("splits frames and keeps their order", () => {
    const buf = Buffer.concat([frame(1, "out1\n"), frame(2, "err\n"), frame(1, "out2\n")]);
    expect(demuxBuffer(buf).map((f) => [f.stream, f.data.toString()])).toEqual([
      ["stdout", "out1\n"],
      ["stderr", "err\n"],
      ["stdout", "out2\n"],
    ]);
    expect(demuxToBuffer(buf).toString()).toBe("out1\nerr\nout2\n");
  });

  it("drops a truncated last frame", () => {
    const buf = Buffer.concat([frame(1, "whole"), frame(1, "cut").subarray(0, 9)]);
    expect(demuxToBuffer(buf).toString()).toBe("whole");
    expect(demuxToBuffer(Buffer.alloc(0)).length).toBe(0);
  });
});
