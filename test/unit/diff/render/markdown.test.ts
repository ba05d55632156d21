import { describe, expect, it } from "vitest";
import { planDiff } from "../../../../src/diff/plan.js";
import { renderMarkdown } from "../../../../src/diff/render/markdown.js";
import { configMap, deployment } from "../fixtures.js";
import { scenario, SECRET_ADDED, SECRET_NEW, SECRET_OLD } from "./scenario.js";

const GOLDEN = `### berth diff

\`main\` → \`feature\`

| Kind | Create | Update | Delete | Unchanged | Kept |
| --- | ---: | ---: | ---: | ---: | ---: |
| ConfigMap | 0 | 1 | 1 | 1 | 1 |
| Secret | 0 | 1 | 0 | 0 | 0 |
| Deployment | 0 | 1 | 0 | 0 | 0 |
| **Total** | **0** | **3** | **1** | **1** | **1** |

Plan: 0 to create, 3 to update, 1 to delete, 1 kept, 1 unchanged.

<details>
<summary><b>keep</b> ConfigMap default/legacy</summary>

- kept (berth.io/prune=false)

</details>

<details>
<summary><b>delete</b> ConfigMap default/old</summary>

\`\`\`diff
--- a/ConfigMap/default/old
+++ /dev/null
@@ -1,9 +0,0 @@
-apiVersion: v1
-kind: ConfigMap
-metadata:
-  name: old
-  namespace: default
-  labels:
-    app: old
-data:
-  x: 'y'
\`\`\`

</details>

<details>
<summary><b>update</b> ConfigMap default/web-config</summary>

- used by Deployment default/web: as environment variables (pods keep old values until restarted)

\`\`\`diff
--- a/ConfigMap/default/web-config
+++ b/ConfigMap/default/web-config
@@ -8,5 +8,5 @@ data
 data:
   app.conf: |
     listen 80
-    workers 2
-  mode: green
+    workers 4
+  mode: blue
\`\`\`

</details>

<details>
<summary><b>update</b> Secret default/db</summary>

\`\`\`diff
--- a/Secret/default/db
+++ b/Secret/default/db
@@ -6,5 +6,6 @@ data
   labels:
     app: db
 data:
-  password: <redacted: changed>
+  password: <redacted: changed>
+  token: <redacted: added>
 type: Opaque
\`\`\`

</details>

<details>
<summary><b>update</b> Deployment default/web</summary>

- pod template changed → rolling update of 3 pods (maxSurge 1, maxUnavailable 0)

\`\`\`diff
--- a/Deployment/default/web
+++ b/Deployment/default/web
@@ -31,7 +31,7 @@ spec.template.spec.containers[name=web].image
             configMapKeyRef:
               name: web-config
               key: mode
-        image: berth.local/web:1
+        image: berth.local/web:2
         imagePullPolicy: IfNotPresent
         terminationMessagePath: /dev/termination-log
         terminationMessagePolicy: File
\`\`\`

</details>
`;

describe("renderMarkdown", () => {
  it("renders a summary table by kind and a collapsible diff per changed object", () => {
    expect(renderMarkdown(scenario(), { subtitle: "`main` → `feature`" })).toBe(GOLDEN);
  });

  it("has the four columns of the issue when nothing is kept, and says when nothing changes", () => {
    const cm = configMap("a", {});
    expect(renderMarkdown(planDiff([cm], [cm]))).toBe(`### berth diff

| Kind | Create | Update | Delete | Unchanged |
| --- | ---: | ---: | ---: | ---: |
| ConfigMap | 0 | 0 | 0 | 1 |
| **Total** | **0** | **0** | **0** | **1** |

No differences: 1 object unchanged.
`);
  });

  it("uses a longer fence when the diff holds backticks", () => {
    const md = renderMarkdown(planDiff([configMap("doc", { "README.md": "```sh\nrun\n```\n" })], []));
    expect(md).toContain("````diff\n");
    expect(md).toContain("\n````\n");
  });

  it("stays under the size limit, leaving out diffs and then sections, and says so", () => {
    const many = (n: number) =>
      planDiff(
        Array.from({ length: n }, (_, i) => deployment(`app-${i}`)),
        [],
      );
    const md = renderMarkdown(many(20), { maxLength: 8000 });
    expect(md.length).toBeLessThanOrEqual(8000);
    // Every object keeps its section and implications; diffs are given back in order while they fit.
    expect(md.match(/<details>/g)).toHaveLength(20);
    expect(md.match(/```diff/g)?.length).toBeGreaterThan(2);
    expect(md).toContain("_Diff left out to fit the comment size limit; run `berth diff` to see it._");
    expect(md).not.toContain("more changed objects");
    const huge = renderMarkdown(many(200), { maxLength: 8000 });
    expect(huge.length).toBeLessThanOrEqual(8000);
    expect(huge).not.toContain("```diff");
    expect(huge).toMatch(
      /\n_\d+ more changed objects are not shown to fit the comment size limit; run `berth diff` to see them\._\n$/,
    );
  });

  it("never prints a Secret value", () => {
    const md = renderMarkdown(scenario());
    for (const v of [SECRET_OLD, SECRET_NEW, SECRET_ADDED]) {
      expect(md).not.toContain(v);
      expect(md).not.toContain(Buffer.from(v, "base64").toString());
    }
  });
});
