import { describe, expect, it } from "vitest";
import { pauseArchFor, pauseBinary } from "../../../../src/runtime/infra/pause-binary.js";
import { infraImageEntries, infraImageTag } from "../../../../src/runtime/infra/image.js";

describe("pause binary", () => {
  it("is a 129-byte x86_64 ELF executable that loops on pause(2)", () => {
    const b = pauseBinary("amd64");
    expect(b.length).toBe(129);
    expect([...b.subarray(0, 4)]).toEqual([0x7f, 0x45, 0x4c, 0x46]);
    expect(b.readUInt16LE(16)).toBe(2); // ET_EXEC
    expect(b.readUInt16LE(18)).toBe(62); // x86-64
    expect(b.readBigUInt64LE(24)).toBe(0x400078n); // entry = code start
    expect(b.readUInt32LE(64)).toBe(1); // PT_LOAD
    expect(b.readBigUInt64LE(64 + 32)).toBe(129n); // filesz covers everything
    expect([...b.subarray(120)]).toEqual([0xb8, 0x22, 0x00, 0x00, 0x00, 0x0f, 0x05, 0xeb, 0xf7]);
  });

  it("has an aarch64 variant looping on ppoll(2)", () => {
    const b = pauseBinary("arm64");
    expect(b.readUInt16LE(18)).toBe(183);
    expect(b.length).toBe(120 + 32);
    expect(b.readUInt32LE(120 + 5 * 4)).toBe(0xd2800928); // mov x8, #73
    expect(b.readUInt32LE(120 + 7 * 4)).toBe(0x17fffff9); // b back to the start
  });

  it("maps engine architectures and tags images by content", () => {
    expect(pauseArchFor("x86_64")).toBe("amd64");
    expect(pauseArchFor("aarch64")).toBe("arm64");
    expect(pauseArchFor("riscv64")).toBeUndefined();
    expect(infraImageTag("amd64")).toMatch(/^berth\.local\/pause:[0-9a-f]{12}$/);
    expect(infraImageTag("amd64")).not.toBe(infraImageTag("arm64"));
  });

  it("carries the termination volume's preset files: empty and writable by any user", () => {
    const entries = infraImageEntries("amd64");
    expect(entries[0]).toMatchObject({ type: "file", name: "pause", mode: 0o755 });
    const presets = entries.filter((e) => e.name.startsWith("berth/termination/"));
    expect(presets.map((e) => e.name)).toEqual(
      Array.from({ length: 16 }, (_, i) => `berth/termination/preset-${i}`),
    );
    for (const p of presets) expect(p).toMatchObject({ type: "file", mode: 0o666, content: Buffer.alloc(0) });
  });
});
