// The public face of src/sync: reading manifests from git at exact commits and keeping a source current.

export { DEFAULT_BACKOFF, type BackoffPolicy } from "./backoff.js";
export { defaultCacheRoot } from "./cache.js";
export type { GitCommandHook } from "./git.js";
export { Scrubber } from "./scrub.js";
export {
  GitSource,
  type GitSourceOptions,
  type GitSourceSpec,
  type Revision,
  type SignalOption,
} from "./source.js";
export { readTreeAtRevision, type TreeFile } from "./tree.js";
export { parseRepo, redactUrl, type RepoKind } from "./url.js";
export {
  SourceWatcher,
  type SourceWatcherOptions,
  type SyncLogger,
  type SyncOutcome,
  type WatchedSource,
} from "./watcher.js";
