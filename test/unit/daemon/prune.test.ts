import { describe, expect, it } from "vitest";
import { decidePrune } from "../../../src/daemon/prune.js";

const policy = { enabled: true, allowEmpty: false, maxDeleteShare: 0.5 };

describe("decidePrune", () => {
  it("allows revisions that delete nothing or a small share", () => {
    expect(decidePrune(policy, { current: 10, desired: 10, deletions: 0 })).toEqual({ allowed: true });
    expect(decidePrune(policy, { current: 10, desired: 9, deletions: 1 })).toEqual({ allowed: true });
    expect(decidePrune(policy, { current: 10, desired: 5, deletions: 5 })).toEqual({ allowed: true });
  });

  it("refuses an empty revision that would delete everything unless allowEmpty", () => {
    const d = decidePrune(policy, { current: 4, desired: 0, deletions: 4 });
    expect(d).toMatchObject({ allowed: false, code: "E_PRUNE_EMPTY" });
    expect(
      decidePrune(
        { ...policy, allowEmpty: true, maxDeleteShare: 1 },
        { current: 4, desired: 0, deletions: 4 },
      ),
    ).toEqual({
      allowed: true,
    });
  });

  it("lets allowEmpty alone allow an empty revision, whatever maxDeleteShare says", () => {
    expect(decidePrune({ ...policy, allowEmpty: true }, { current: 4, desired: 0, deletions: 4 })).toEqual({
      allowed: true,
    });
    // A revision that still holds objects stays under the share brake.
    expect(
      decidePrune({ ...policy, allowEmpty: true }, { current: 4, desired: 1, deletions: 3 }),
    ).toMatchObject({
      allowed: false,
      code: "E_PRUNE_SHARE",
    });
  });

  it("refuses deleting more than maxDeleteShare, naming the numbers", () => {
    const d = decidePrune(policy, { current: 10, desired: 4, deletions: 6 });
    expect(d).toMatchObject({ allowed: false, code: "E_PRUNE_SHARE" });
    if (!d.allowed) expect(d.message).toContain("delete 6 of 10 objects (60%)");
    expect(decidePrune({ ...policy, maxDeleteShare: 1 }, { current: 10, desired: 4, deletions: 6 })).toEqual({
      allowed: true,
    });
  });

  it("never refuses when pruning is disabled (nothing is deleted then)", () => {
    expect(decidePrune({ ...policy, enabled: false }, { current: 4, desired: 0, deletions: 4 })).toEqual({
      allowed: true,
    });
  });
});
