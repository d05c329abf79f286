/**
 * Names close to one that was not found, for "did you mean ...?": the same
 * name in another case, names that start with or contain it, and names a
 * few typos away (Levenshtein distance, at most a third of the length).
 */

/** Edit distance (insert, delete, substitute), two rows of memory. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row.push(Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost));
    }
    prev = row;
  }
  return prev[b.length] ?? 0;
}

/** Up to `limit` of `candidates` close to `wanted`, closest first. */
export function closeNames(wanted: string, candidates: readonly string[], limit = 5): string[] {
  const w = wanted.toLowerCase();
  const maxDistance = Math.max(2, Math.floor(w.length / 3));
  const scored: { name: string; score: number }[] = [];
  for (const name of new Set(candidates)) {
    const n = name.toLowerCase();
    let score: number | undefined;
    if (n === w) score = 0;
    else if (w.length >= 3 && (n.startsWith(w) || w.startsWith(n))) score = 1;
    else if (w.length >= 3 && n.includes(w)) score = 2;
    else {
      const d = editDistance(w, n);
      if (d <= maxDistance) score = 2 + d;
    }
    if (score !== undefined) scored.push({ name, score });
  }
  scored.sort((x, y) => x.score - y.score || x.name.localeCompare(y.name));
  return scored.slice(0, limit).map((s) => s.name);
}
