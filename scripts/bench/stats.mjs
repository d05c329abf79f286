// Summaries of repeated measurements: each figure of the suite is the
// median of its runs with the smallest and largest beside it.

/** { min, median, max } of the numbers given; undefined when there are none. */
export function spread(values) {
  const xs = values.filter((v) => typeof v === 'number' && Number.isFinite(v)).sort((a, b) => a - b);
  if (xs.length === 0) return undefined;
  return { min: xs[0], median: quantile(xs, 0.5), max: xs[xs.length - 1] };
}

/** The q-quantile (0..1) of sorted numbers, interpolated between neighbours. */
export function quantile(sorted, q) {
  if (sorted.length === 0) return undefined;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** The q-quantile of unsorted numbers. */
export function percentile(values, q) {
  return quantile([...values].sort((a, b) => a - b), q);
}

/** Rounds every number in a result tree to `digits` decimals, for results.json. */
export function rounded(value, digits = 2) {
  if (typeof value === 'number') return Number.isFinite(value) ? Number(value.toFixed(digits)) : null;
  if (Array.isArray(value)) return value.map((v) => rounded(v, digits));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rounded(v, digits)]));
  return value;
}
