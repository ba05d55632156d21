// The manifest stage's public entry points, with the real stages bound.
import { loadManifests, type LoadOptions, type LoadResult } from "./load.js";
import { stages } from "./stages.js";
import { readManifestFiles, type ManifestFile } from "./walk.js";

export type { LoadOptions, LoadResult, LoadedObject, FileReport } from "./load.js";
export type { ManifestFile } from "./walk.js";

/** Validates and normalises manifests already in memory (e.g. read from a git revision). */
export function loadManifestFiles(files: ManifestFile[], opts: LoadOptions = {}): LoadResult {
  return loadManifests(files, opts, stages);
}

/** Walks files and directories, then loads them; unreadable paths become E_IO diagnostics. */
export async function loadManifestPaths(paths: string[], opts: LoadOptions = {}): Promise<LoadResult> {
  const { files, diagnostics } = await readManifestFiles(paths);
  const result = loadManifestFiles(files, opts);
  if (diagnostics.length > 0) {
    result.diagnostics.unshift(...diagnostics);
    result.errors += diagnostics.length;
  }
  return result;
}
