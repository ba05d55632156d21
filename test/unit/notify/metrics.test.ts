import { describe, expect, it } from "vitest";
import { register as globalRegistry } from "prom-client";
import { BerthMetrics } from "../../../src/notify/metrics.js";
import { parsePrometheusText, sampleValue } from "../../support/prom-text.js";

async function scrape(m: BerthMetrics) {
  return parsePrometheusText(await m.metricsText());
}

describe("BerthMetrics", () => {
  it("exposes every berth metric with its type, and parses as Prometheus text", async () => {
    const m = new BerthMetrics({ defaultMetrics: false });
    m.registerApps(["shop"]);
    m.recordSync("shop", "succeeded", 1500, Date.parse("2026-01-01T00:00:00Z"));
    m.recordGitFetch("shop", 80, true);
    m.recordDockerApiError("n1");
    m.setWorkqueueDepth(3);
    m.setObjects([{ kind: "Deployment", health: "Healthy", count: 2 }]);
    m.setPods([{ phase: "Running", node: "n1", count: 4 }]);
    m.setApps([{ app: "shop", revision: "abc", syncStatus: "Synced", healthStatus: "Healthy" }]);
    const f = await scrape(m);
    const types = Object.fromEntries([...f.values()].map((x) => [x.name, x.type]));
    expect(types).toMatchObject({
      berth_sync_total: "counter",
      berth_sync_duration_seconds: "histogram",
      berth_objects: "gauge",
      berth_workqueue_depth: "gauge",
      berth_last_successful_sync_timestamp_seconds: "gauge",
      berth_git_fetch_duration_seconds: "histogram",
      berth_git_fetch_errors_total: "counter",
      berth_docker_api_errors_total: "counter",
      berth_pods: "gauge",
      berth_app_info: "gauge",
      berth_build_info: "gauge",
    });
    for (const fam of f.values()) expect(fam.help, fam.name).toBeTruthy();
    expect(sampleValue(f, "berth_sync_total", { app: "shop", result: "succeeded" })).toBe(1);
    expect(sampleValue(f, "berth_sync_total", { app: "shop", result: "failed" })).toBe(0);
    expect(sampleValue(f, "berth_sync_duration_seconds_sum", { app: "shop" })).toBe(1.5);
    expect(sampleValue(f, "berth_sync_duration_seconds_bucket", { app: "shop", le: "1" })).toBe(0);
    expect(sampleValue(f, "berth_sync_duration_seconds_bucket", { app: "shop", le: "2.5" })).toBe(1);
    expect(sampleValue(f, "berth_last_successful_sync_timestamp_seconds", { app: "shop" })).toBe(1767225600);
    expect(sampleValue(f, "berth_git_fetch_errors_total", { app: "shop" })).toBe(0);
    expect(sampleValue(f, "berth_docker_api_errors_total", { node: "n1" })).toBe(1);
    expect(sampleValue(f, "berth_workqueue_depth")).toBe(3);
    expect(sampleValue(f, "berth_pods", { phase: "Running", node: "n1" })).toBe(4);
    expect(
      sampleValue(f, "berth_app_info", {
        app: "shop",
        revision: "abc",
        sync_status: "Synced",
        health_status: "Healthy",
      }),
    ).toBe(1);
  });

  it("counts failures without stamping a last success", async () => {
    const m = new BerthMetrics({ defaultMetrics: false });
    m.recordSync("shop", "failed", 10, 1000);
    m.recordGitFetch("shop", 5000, false);
    const f = await scrape(m);
    expect(sampleValue(f, "berth_sync_total", { app: "shop", result: "failed" })).toBe(1);
    expect(sampleValue(f, "berth_last_successful_sync_timestamp_seconds", { app: "shop" })).toBeUndefined();
    expect(sampleValue(f, "berth_git_fetch_errors_total", { app: "shop" })).toBe(1);
    expect(sampleValue(f, "berth_git_fetch_duration_seconds_count", { app: "shop" })).toBe(1);
  });

  it("replaces snapshot gauges whole: an app's old revision series disappears", async () => {
    const m = new BerthMetrics({ defaultMetrics: false });
    m.setApps([{ app: "shop", revision: "old", syncStatus: "Synced", healthStatus: "Healthy" }]);
    m.setApps([{ app: "shop", revision: "new", syncStatus: "OutOfSync", healthStatus: "Progressing" }]);
    m.setPods([{ phase: "Pending", node: "", count: 1 }]);
    m.setPods([]);
    const f = await scrape(m);
    expect(f.get("berth_app_info")?.samples.map((s) => s.labels.revision)).toEqual(["new"]);
    expect(f.get("berth_pods")?.samples).toEqual([]);
  });

  it("runs scrape hooks before each scrape", async () => {
    const m = new BerthMetrics({ defaultMetrics: false });
    let depth = 0;
    m.onScrape(() => m.setWorkqueueDepth(++depth));
    await m.metricsText();
    expect(sampleValue(await scrape(m), "berth_workqueue_depth")).toBe(2);
  });

  it("forgets a removed app", async () => {
    const m = new BerthMetrics({ defaultMetrics: false });
    m.registerApps(["a", "b"]);
    m.recordSync("a", "succeeded", 1, 1);
    m.removeApp("a");
    const f = await scrape(m);
    expect(f.get("berth_sync_total")?.samples.every((s) => s.labels.app === "b")).toBe(true);
  });

  it("includes process metrics in its own registry, not the global one", async () => {
    const before = (await globalRegistry.metrics()).length;
    const m = new BerthMetrics();
    const f = await scrape(m);
    expect(f.has("process_cpu_user_seconds_total")).toBe(true);
    expect(f.has("nodejs_eventloop_lag_seconds")).toBe(true);
    expect((await globalRegistry.metrics()).length).toBe(before);
    // Two instances in one process do not collide.
    expect(() => new BerthMetrics()).not.toThrow();
  });

  it("escapes label values so any app name or message parses", async () => {
    const m = new BerthMetrics({ defaultMetrics: false });
    m.setApps([{ app: 'we"ird\\app\nx', revision: "r", syncStatus: "Synced", healthStatus: "Healthy" }]);
    const f = await scrape(m);
    expect(f.get("berth_app_info")?.samples[0]?.labels.app).toBe('we"ird\\app\nx');
  });
});

describe("the exposition parser", () => {
  it("refuses what Prometheus refuses", () => {
    expect(() => parsePrometheusText("x 1\n")).toThrow(/no declared family/);
    expect(() => parsePrometheusText("# TYPE x counter\nx -1\n")).toThrow(/counter/);
    expect(() => parsePrometheusText('# TYPE x gauge\nx{a="1} 1\n')).toThrow();
    expect(() => parsePrometheusText("# TYPE x gauge\nx one\n")).toThrow(/bad value/);
    expect(() => parsePrometheusText('# TYPE h histogram\nh_bucket{le="1"} 1\nh_count 1\nh_sum 1\n')).toThrow(
      /\+Inf/,
    );
    expect(() => parsePrometheusText("# TYPE x gauge\nx 1")).toThrow(/newline/);
  });
});
