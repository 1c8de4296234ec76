/** Per-class F1 from (gold, predicted) pairs. */
export function f1Scores(pairs: { y: number; yhat: number }[], classes: number) {
  return Array.from({ length: classes }, (_, k) => {
    const tp = pairs.filter((p) => p.y === k && p.yhat === k).length;
    const fp = pairs.filter((p) => p.y !== k && p.yhat === k).length;
    const fn = pairs.filter((p) => p.y === k && p.yhat !== k).length;
    const precision = tp + fp ? tp / (tp + fp) : 0;
    const recall = tp + fn ? tp / (tp + fn) : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    return { precision, recall, f1 };
  });
}
