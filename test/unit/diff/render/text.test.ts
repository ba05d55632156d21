import { describe, expect, it } from "vitest";
import { planDiff } from "../../../../src/diff/plan.js";
import { renderText } from "../../../../src/diff/render/text.js";
import { configMap, namespace } from "../fixtures.js";
import { scenario, SECRET_ADDED, SECRET_NEW, SECRET_OLD } from "./scenario.js";

const GOLDEN = `ConfigMap default/legacy (keep)
  • kept (berth.io/prune=false)

ConfigMap default/old (delete)
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

ConfigMap default/web-config (update)
  • used by Deployment default/web: as environment variables (pods keep old values until restarted)
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

Secret default/db (update)
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

Deployment default/web (update)
  • pod template changed → rolling update of 3 pods (maxSurge 1, maxUnavailable 0)
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

Plan: 0 to create, 3 to update, 1 to delete, 1 kept, 1 unchanged.
`;

describe("renderText", () => {
  it("prints a header, implications and a unified YAML diff per changed object", () => {
    expect(renderText(scenario())).toBe(GOLDEN);
  });

  it("prints whole objects for creates, and no colour unless asked", () => {
    const text = renderText(planDiff([namespace("team-a")], []));
    expect(text).toBe(`Namespace team-a (create)
--- /dev/null
+++ b/Namespace/team-a
@@ -0,0 +1,4 @@
+apiVersion: v1
+kind: Namespace
+metadata:
+  name: team-a

Plan: 1 to create, 0 to update, 0 to delete, 0 unchanged.
`);
    expect(text).not.toContain("\x1b[");
  });

  it("colours removed lines red and added lines green when asked", () => {
    const text = renderText(scenario(), { color: true });
    expect(text).toContain("\x1b[31m-        image: berth.local/web:1\x1b[0m");
    expect(text).toContain("\x1b[32m+        image: berth.local/web:2\x1b[0m");
    expect(text.replace(new RegExp(String.fromCharCode(27) + "\\[\\d+m", "g"), "")).toBe(GOLDEN);
  });

  it("says so when nothing differs", () => {
    const cm = configMap("a", {});
    expect(renderText(planDiff([cm], [cm]))).toBe("No differences: 1 object unchanged.\n");
  });

  it("renders multi-line values as blocks and keeps context as asked", () => {
    const before = configMap("c", { "f.txt": "1\n2\n3\n4\n5\n6\n7\n8\n9\n" });
    const after = configMap("c", { "f.txt": "1\n2\n3\n4\nfive\n6\n7\n8\n9\n" });
    const text = renderText(planDiff([after], [before]), { context: 1 });
    expect(text).toContain(`@@ -13,3 +13,3 @@ data["f.txt"]
     4
-    5
+    five
     6
`);
  });

  it("never prints a Secret value", () => {
    const text = renderText(scenario(), { color: true });
    for (const v of [SECRET_OLD, SECRET_NEW, SECRET_ADDED]) {
      expect(text).not.toContain(v);
      expect(text).not.toContain(Buffer.from(v, "base64").toString());
    }
  });
});
