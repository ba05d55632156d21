import { describe, expect, it } from "vitest";
import { parseCommit, parseTree } from "../../../src/sync/objects.js";

const TREE = "a".repeat(40);

function commitObject(lines: string[], message: string): Buffer {
  return Buffer.from(`${lines.join("\n")}\n\n${message}`, "utf8");
}

describe("parseCommit", () => {
  it("reads the tree, the author as 'Name <email>', the author date in UTC and the subject", () => {
    const c = parseCommit(
      "b".repeat(40),
      commitObject(
        [
          `tree ${TREE}`,
          `parent ${"c".repeat(40)}`,
          "author Ada Lovelace <ada@example.org> 1772352000 +0200",
          "committer Other Person <other@example.org> 1772360000 -0500",
          "gpgsig -----BEGIN PGP SIGNATURE-----",
          " author Mallory <m@example.org> 1 +0000",
          " -----END PGP SIGNATURE-----",
        ],
        "\n  \nFirst line  \n continued\t\n\nBody paragraph\n",
      ),
    );
    expect(c).toEqual({
      sha: "b".repeat(40),
      tree: TREE,
      author: "Ada Lovelace <ada@example.org>",
      date: "2026-03-01T08:00:00Z",
      subject: "First line  continued",
    });
  });

  it("copes with an empty message and an author line git cannot split", () => {
    const c = parseCommit("d".repeat(40), commitObject([`tree ${TREE}`, "author nobody 0 +0000"], ""));
    expect(c).toMatchObject({ author: " <>", date: "1970-01-01T00:00:00Z", subject: "" });
  });

  it("re-encodes a message in the encoding the commit names", () => {
    const head = Buffer.from(
      `tree ${TREE}\nauthor Jos\xe9 <j@e.org> 0 +0000\nencoding ISO-8859-1\n\n`,
      "latin1",
    );
    const body = Buffer.from("Caf\xe9\n", "latin1");
    const c = parseCommit("e".repeat(40), Buffer.concat([head, body]));
    expect([c.author, c.subject]).toEqual(["José <j@e.org>", "Café"]);
  });
});

describe("parseTree", () => {
  const entry = (mode: string, name: string, oid: Buffer) =>
    Buffer.concat([Buffer.from(`${mode} ${name}\0`, "utf8"), oid]);

  it("reads entries in order with their kinds, canonicalizing odd file modes as git does", () => {
    const oid = (n: number) => Buffer.alloc(20, n);
    const tree = Buffer.concat([
      entry("100644", "a.yaml", oid(1)),
      entry("100755", "b.sh", oid(2)),
      entry("100664", "c.yml", oid(3)),
      entry("120000", "link.yaml", oid(4)),
      entry("160000", "sub", oid(5)),
      entry("40000", "dir", oid(6)),
      entry("100644", "ünïcode.json", oid(7)),
    ]);
    expect(parseTree(tree, 20)).toEqual([
      { kind: "file", name: "a.yaml", oid: "01".repeat(20) },
      { kind: "file", name: "b.sh", oid: "02".repeat(20) },
      { kind: "file", name: "c.yml", oid: "03".repeat(20) },
      { kind: "symlink", name: "link.yaml", oid: "04".repeat(20) },
      { kind: "submodule", name: "sub", oid: "05".repeat(20) },
      { kind: "tree", name: "dir", oid: "06".repeat(20) },
      { kind: "file", name: "ünïcode.json", oid: "07".repeat(20) },
    ]);
  });

  it("reads SHA-256 object ids", () => {
    const tree = Buffer.concat([
      entry("100644", "x.yaml", Buffer.alloc(32, 0xab)),
      entry("40000", "d", Buffer.alloc(32, 1)),
    ]);
    expect(parseTree(tree, 32).map((e) => e.oid)).toEqual(["ab".repeat(32), "01".repeat(32)]);
  });
});
