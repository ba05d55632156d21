import { describe, expect, it } from "vitest";
import {
  DESCRIBE_TABWRITER,
  RememberedWidths,
  TABLE_TABWRITER,
  tabwrite,
} from "../../../../src/cli/printers/tabwriter.js";

describe("tabwrite (Go text/tabwriter)", () => {
  it("pads columns to the widest cell plus 3 and leaves the last cell unpadded", () => {
    expect(tabwrite("NAME\tREADY\tAGE\nweb-1\t1/1\t5m\n", TABLE_TABWRITER)).toBe(
      "NAME    READY   AGE\nweb-1   1/1     5m\n",
    );
  });

  it("never makes a column narrower than the minimal width (kubectl: 6)", () => {
    expect(tabwrite("a\t1\t5m\nb\t2\t6m\n", TABLE_TABWRITER)).toBe("a     1     5m\nb     2     6m\n");
  });

  it("aligns a column only across consecutive lines that have a tab-terminated cell in it", () => {
    const text = "Name:\tx\nIPs:\n  IP:\t10.0.0.1\nControlled By:\tReplicaSet/web\n";
    expect(tabwrite(text, DESCRIBE_TABWRITER)).toBe(
      "Name:  x\nIPs:\n  IP:           10.0.0.1\nControlled By:  ReplicaSet/web\n",
    );
  });

  it("does not count a line's last cell as a column: inner columns break where lines get shorter", () => {
    const text = "a\tb\tc\naa\tbbbb\nx\ty\tz\n";
    expect(tabwrite(text, { minWidth: 0, padding: 1 })).toBe("a  b c\naa bbbb\nx  y z\n");
  });

  it("pads empty cells and keeps an empty last cell empty", () => {
    expect(tabwrite("JOB\tDURATION\tAGE\nx\t\t5m\ny\t1s\t\n", TABLE_TABWRITER)).toBe(
      "JOB   DURATION   AGE\nx                5m\ny     1s         \n",
    );
    expect(tabwrite("a\t\n", DESCRIBE_TABWRITER)).toBe("a  \n");
  });

  it("counts width in code points", () => {
    expect(tabwrite("é\tx\nab\ty\n", DESCRIBE_TABWRITER)).toBe("é   x\nab  y\n");
  });

  it("keeps text without a final newline as is", () => {
    expect(tabwrite("a\tb", DESCRIBE_TABWRITER)).toBe("a  b");
    expect(tabwrite("", DESCRIBE_TABWRITER)).toBe("");
  });

  it("with remembered widths, later output never narrows a column", () => {
    const widths = new RememberedWidths();
    expect(tabwrite("NAME\tAGE\nlong-name\t5m\n", TABLE_TABWRITER, widths)).toBe(
      "NAME        AGE\nlong-name   5m\n",
    );
    expect(tabwrite("x\t6m\n", TABLE_TABWRITER, widths)).toBe("x           6m\n");
    expect(tabwrite("much-longer-name\t7m\n", TABLE_TABWRITER, widths)).toBe("much-longer-name   7m\n");
  });
});
