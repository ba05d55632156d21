// Generated names as the API server makes them from generateName (apiserver names.SimpleNameGenerator,
// apimachinery util/rand): the base cut to 58 characters, then 5 characters from an alphabet without
// vowels and look-alike digits, so generated names never spell words.

import { randomInt } from "node:crypto";

/** Kubernetes' safe alphabet (util/rand): no vowels, no 0, 1 or 3. */
export const SAFE_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

const MAX_NAME_LENGTH = 63;
const RANDOM_LENGTH = 5;
export const MAX_GENERATED_NAME_LENGTH = MAX_NAME_LENGTH - RANDOM_LENGTH;

/** Five random characters from the safe alphabet: what the daemon passes as `randomSuffix`. */
export function randomNameSuffix(): string {
  let out = "";
  for (let i = 0; i < RANDOM_LENGTH; i++) out += SAFE_ALPHABET.charAt(randomInt(SAFE_ALPHABET.length));
  return out;
}

/** generateName + suffix, the base cut so the result stays a valid 63-character name. */
export function generatedName(generateName: string, suffix: string): string {
  return generateName.slice(0, MAX_GENERATED_NAME_LENGTH) + suffix;
}
