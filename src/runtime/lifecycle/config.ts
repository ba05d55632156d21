// Kubernetes' timings, overridable so tests (and impatient operators) can shrink them.

import type { LifecycleConfig } from "./types.js";

export const DEFAULT_LIFECYCLE_CONFIG: Readonly<LifecycleConfig> = {
  crashLoopInitialMs: 10_000,
  crashLoopMaxMs: 300_000,
  // flowcontrol.Backoff forgets an entry after twice the cap without a restart: 10 minutes.
  crashLoopResetMs: 600_000,
  imagePullInitialMs: 10_000,
  imagePullMaxMs: 300_000,
  imagePullResetMs: 600_000,
  // The kubelet re-syncs a pod with errors about every 10 s; that is how long ErrImagePull shows.
  errImagePullShowMs: 10_000,
  retryMs: 10_000,
  killRetryMs: 5_000,
  minGracePeriodSeconds: 2,
};

export function resolveConfig(overrides: Partial<LifecycleConfig> | undefined): LifecycleConfig {
  return { ...DEFAULT_LIFECYCLE_CONFIG, ...overrides };
}
