// Names the API server would generate from generateName `<base>-`: the base cut so the result
// stays within 63 characters, then the 5-character random suffix the context hands out.

const MAX_NAME = 63;

export function generatedName(base: string, suffix: string): string {
  return `${base}-`.slice(0, MAX_NAME - suffix.length) + suffix;
}
