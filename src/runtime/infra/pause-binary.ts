// The pod sandbox's only process: a tiny static ELF that sleeps forever in a signal-wait syscall.
// There is no registry here, so berth cannot pull Kubernetes' pause image; it writes its own
// (a few hundred bytes, no libc) and imports it as an image (see ./image.ts).
//
// Layout: ELF64 header (64 bytes) + one PT_LOAD program header (56 bytes) + code, all loaded
// read+execute at 0x400000; the entry point is the first byte after the program header.
// PID 1 in a container has no default signal handlers, so SIGTERM is ignored: sandboxes are
// killed (SIGKILL), never stopped.

export type PauseArch = "amd64" | "arm64";

const LOAD_ADDRESS = 0x400000n;
const ELF_HEADER_SIZE = 64;
const PROGRAM_HEADER_SIZE = 56;
const CODE_OFFSET = ELF_HEADER_SIZE + PROGRAM_HEADER_SIZE;

const EM_X86_64 = 62;
const EM_AARCH64 = 183;

/** x86_64: `mov eax, 34 (pause); syscall; jmp back to mov` — verified in a container here. */
const AMD64_CODE = [0xb8, 0x22, 0x00, 0x00, 0x00, 0x0f, 0x05, 0xeb, 0xf7];

/**
 * aarch64 has no pause syscall; ppoll(NULL, 0, NULL, NULL, 0) blocks until a signal arrives.
 * Untested on real hardware here (no arm64 engine): mov x0..x4, #0; mov x8, #73 (ppoll); svc #0;
 * b back to the first mov.
 */
const ARM64_WORDS = [
  0xd2800000, // mov x0, #0   (fds = NULL)
  0xd2800001, // mov x1, #0   (nfds = 0)
  0xd2800002, // mov x2, #0   (timeout = NULL: forever)
  0xd2800003, // mov x3, #0   (sigmask = NULL)
  0xd2800004, // mov x4, #0   (sigsetsize)
  0xd2800928, // mov x8, #73  (__NR_ppoll)
  0xd4000001, // svc #0
  0x17fffff9, // b -7 instructions
];

function arm64Code(): number[] {
  const out: number[] = [];
  for (const w of ARM64_WORDS) out.push(w & 0xff, (w >>> 8) & 0xff, (w >>> 16) & 0xff, (w >>> 24) & 0xff);
  return out;
}

/** Maps Docker's `Architecture` (uname -m) or Go's GOARCH to the binaries berth can write. */
export function pauseArchFor(dockerArchitecture: string): PauseArch | undefined {
  switch (dockerArchitecture) {
    case "x86_64":
    case "amd64":
      return "amd64";
    case "aarch64":
    case "arm64":
      return "arm64";
    default:
      return undefined;
  }
}

export function pauseBinary(arch: PauseArch): Buffer {
  const code = arch === "amd64" ? AMD64_CODE : arm64Code();
  const machine = arch === "amd64" ? EM_X86_64 : EM_AARCH64;
  const size = CODE_OFFSET + code.length;
  const b = Buffer.alloc(size);

  // e_ident: magic, 64-bit, little-endian, version 1, System V ABI.
  b.set([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0], 0);
  b.writeUInt16LE(2, 16); // e_type: ET_EXEC
  b.writeUInt16LE(machine, 18);
  b.writeUInt32LE(1, 20); // e_version
  b.writeBigUInt64LE(LOAD_ADDRESS + BigInt(CODE_OFFSET), 24); // e_entry
  b.writeBigUInt64LE(BigInt(ELF_HEADER_SIZE), 32); // e_phoff
  b.writeBigUInt64LE(0n, 40); // e_shoff: no sections
  b.writeUInt32LE(0, 48); // e_flags
  b.writeUInt16LE(ELF_HEADER_SIZE, 52); // e_ehsize
  b.writeUInt16LE(PROGRAM_HEADER_SIZE, 54); // e_phentsize
  b.writeUInt16LE(1, 56); // e_phnum
  b.writeUInt16LE(64, 58); // e_shentsize
  b.writeUInt16LE(0, 60); // e_shnum
  b.writeUInt16LE(0, 62); // e_shstrndx

  const ph = ELF_HEADER_SIZE;
  b.writeUInt32LE(1, ph); // p_type: PT_LOAD
  b.writeUInt32LE(5, ph + 4); // p_flags: R + X
  b.writeBigUInt64LE(0n, ph + 8); // p_offset
  b.writeBigUInt64LE(LOAD_ADDRESS, ph + 16); // p_vaddr
  b.writeBigUInt64LE(LOAD_ADDRESS, ph + 24); // p_paddr
  b.writeBigUInt64LE(BigInt(size), ph + 32); // p_filesz
  b.writeBigUInt64LE(BigInt(size), ph + 40); // p_memsz
  b.writeBigUInt64LE(0x1000n, ph + 48); // p_align

  b.set(code, CODE_OFFSET);
  return b;
}
