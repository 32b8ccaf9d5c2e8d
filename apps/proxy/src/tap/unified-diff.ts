/**
 * A unified diff of two texts, line by line, with three lines of context: what
 * `mcpscope tap install --dry-run` prints. Config files are small, so a plain
 * longest-common-subsequence table is enough.
 */
export function unifiedDiff(before: string, after: string, name: string): string {
  if (before === after) return '';
  const a = lines(before);
  const b = lines(after);
  const n = a.length;
  const m = b.length;
  // lcs[i][j]: length of the longest common subsequence of a[i..] and b[j..].
  const lcs = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      lcs[i]![j] =
        a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  type Op = { kind: ' ' | '-' | '+'; text: string; ai: number; bi: number };
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) ops.push({ kind: ' ', text: a[i++]!, ai: i, bi: ++j });
    // Deletions before insertions, as diff(1) prints them.
    else if (i < n && (j === m || lcs[i + 1]![j]! >= lcs[i]![j + 1]!))
      ops.push({ kind: '-', text: a[i++]!, ai: i, bi: j });
    else ops.push({ kind: '+', text: b[j++]!, ai: i, bi: j });
  }
  const out = [`--- ${name}`, `+++ ${name} (after)`];
  const CONTEXT = 3;
  for (let k = 0; k < ops.length; k++) {
    if (ops[k]!.kind === ' ') continue;
    const start = Math.max(0, k - CONTEXT);
    let end = k;
    // Extend the hunk while changes are within 2×CONTEXT of each other.
    for (let e = k; e < ops.length; e++) {
      if (ops[e]!.kind !== ' ') end = e;
      else if (e - end > CONTEXT * 2) break;
    }
    const stop = Math.min(ops.length, end + CONTEXT + 1);
    const hunk = ops.slice(start, stop);
    const aStart = (start === 0 ? 0 : ops[start - 1]!.ai) + 1;
    const bStart = (start === 0 ? 0 : ops[start - 1]!.bi) + 1;
    const aLen = hunk.filter((o) => o.kind !== '+').length;
    const bLen = hunk.filter((o) => o.kind !== '-').length;
    out.push(`@@ -${aStart},${aLen} +${bStart},${bLen} @@`);
    for (const op of hunk) out.push(`${op.kind}${op.text}`);
    k = stop - 1;
  }
  return out.join('\n');
}

/** The lines of a text; a final newline ends the last line, it does not start another. */
function lines(text: string): string[] {
  const all = text.split('\n');
  if (all.at(-1) === '') all.pop();
  return all;
}
