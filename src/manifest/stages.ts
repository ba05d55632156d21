// The real stages of the manifest pipeline, in the order load.ts runs them.
import { checkObject } from "./checks/index.js";
import { convertLegacy } from "./convert/index.js";
import { applyDefaults } from "./defaults/index.js";
import type { ManifestStages } from "./load.js";
import { hasSchema, validateSchema } from "./schema.js";

export const stages: ManifestStages = {
  hasSchema,
  validateSchema,
  convertLegacy,
  applyDefaults,
  checkObject,
};
