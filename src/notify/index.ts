// The public face of src/notify: logs, metrics and notifications for the daemon.

export {
  createLogger,
  forApp,
  forComponent,
  forController,
  forNode,
  isLogLevel,
  loggerOptionsFromConfig,
  silentLogger,
  type Logger,
  type LoggerOptions,
} from "./log.js";
export {
  errorCode,
  logApply,
  logError,
  logSyncPass,
  type ApplyRecord,
  type SyncPassRecord,
} from "./log-events.js";
export { BerthMetrics, type AppInfo, type ObjectCount, type PodCount } from "./metrics.js";
export { Notifier, type NotificationEvent, type NotifierOptions } from "./notifier.js";
export { NotificationTracker, type HealthReport, type PassReport } from "./triggers.js";
