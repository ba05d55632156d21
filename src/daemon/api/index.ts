// The public face of the HTTP API: the server, the DaemonView the daemon implements, and helpers
// that implementation can share (query matching).

export { ApiServer, parseListen, type ApiServerOptions } from "./server.js";
export { matchesEventQuery, matchesObjectQuery } from "./filter.js";
export { redactForApi } from "./redact.js";
export { normalizeRepoUrl, sourcesForRepos } from "./webhooks/repo-match.js";
export * from "./types.js";
