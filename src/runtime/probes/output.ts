// Probe output is kept short, as the kubelet keeps it (10 KiB).

export const MAX_PROBE_OUTPUT = 10 * 1024;

export function truncateOutput(text: string, max: number): string {
  return text.length <= max ? text : text.slice(0, max);
}
