// kube-scheduler's helper.DefaultNormalizeScore: scales raw scores to 0..100 by the largest one,
// reversed for plugins where a higher raw value is worse (TaintToleration).

/** framework.MaxNodeScore: every plugin scores 0..100 before weighting. */
export const MAX_NODE_SCORE = 100;

export function defaultNormalizeScore(scores: Float64Array, reverse: boolean): void {
  let max = 0;
  for (const s of scores) if (s > max) max = s;
  if (max === 0) {
    if (reverse) scores.fill(MAX_NODE_SCORE);
    return;
  }
  for (let i = 0; i < scores.length; i++) {
    const s = Math.floor((MAX_NODE_SCORE * (scores[i] ?? 0)) / max);
    scores[i] = reverse ? MAX_NODE_SCORE - s : s;
  }
}
