// The real stages of the manifest pipeline, in the order load.ts runs them.
import { checkObject } from "./checks/index.js";
import { convertLegacy } from "./convert/index.js";
import { applyDefaultsInPlace } from "./defaults/index.js";
import type { ManifestStages } from "./load.js";
import { hasSchema, validateSchema } from "./schema.js";

// The loader owns every object it parses, so defaults are applied in place (no copy).
export const stages: ManifestStages = {
  hasSchema,
  validateSchema,
  convertLegacy,
  applyDefaults: applyDefaultsInPlace,
  checkObject,
};
