// SPDX-License-Identifier: GPL-3.0-or-later
//
// Anchors bench-anchor's cases the way the Hypothesis client does, for a
// side-by-side comparison: the stored position first when the quote is
// still there, else approx-string-match (Myers' algorithm) with up to half
// the quote's length in errors, every match scored by quote similarity,
// prefix and suffix similarity and distance to the old position (weights
// 50/20/20/2), the best one taken whatever its score.  Written from the
// description of Hypothesis's match-quote module, not copied from it.
//
// Input (argv[2]): JSON lines {text, highlights: [{exact, prefix, suffix,
// start, end}]}, offsets in code points.  Output (stdout): one JSON line per
// case, {results: [[start, end] | null], exact: [bool], ms}, offsets in code
// points; ms covers the anchoring only, not the offset conversions.

import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import approxSearch from 'approx-string-match';

// JavaScript strings count UTF-16 units; the bench counts code points.
function cpToUnits(text) {
  const map = [];
  let u = 0;
  for (const ch of text) {
    map.push(u);
    u += ch.length;
  }
  map.push(u);
  return map;
}

function unitsToCp(map, units) {
  let lo = 0;
  let hi = map.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (map[mid] < units) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function search(text, str, maxErrors) {
  const exact = [];
  for (let pos = text.indexOf(str); pos !== -1; pos = text.indexOf(str, pos + 1))
    exact.push({ start: pos, end: pos + str.length, errors: 0 });
  if (exact.length > 0) return exact;
  return approxSearch(text, str, maxErrors);
}

function similarity(text, str) {
  if (str.length === 0 || text.length === 0) return 0;
  const matches = search(text, str, str.length);
  return 1 - matches[0].errors / str.length;
}

function matchQuote(text, quote, prefix, suffix, hint) {
  if (quote.length === 0) return null;
  const matches = search(text, quote, Math.min(256, quote.length / 2));
  let best = null;
  for (const m of matches) {
    const q = 1 - m.errors / quote.length;
    const p = prefix ? similarity(text.slice(Math.max(0, m.start - prefix.length), m.start), prefix) : 1;
    const s = suffix ? similarity(text.slice(m.end, m.end + suffix.length), suffix) : 1;
    const pos = typeof hint === 'number' ? 1 - Math.abs(m.start - hint) / text.length : 1;
    const score = (50 * q + 20 * p + 20 * s + 2 * pos) / 92;
    if (best === null || score > best.score) best = { start: m.start, end: m.end, score };
  }
  return best;
}

const lines = readFileSync(process.argv[2], 'utf8').split('\n');
for (const line of lines) {
  if (line.length === 0) continue;
  const c = JSON.parse(line);
  const map = cpToUnits(c.text);
  const sels = c.highlights.map(h => ({
    exact: h.exact,
    prefix: h.prefix,
    suffix: h.suffix,
    start: h.start >= 0 && h.start < map.length ? map[h.start] : undefined,
    end: h.end >= 0 && h.end < map.length ? map[h.end] : undefined,
  }));
  const found = new Array(sels.length);
  const t0 = performance.now();
  for (let i = 0; i < sels.length; i++) {
    const h = sels[i];
    if (h.start !== undefined && c.text.slice(h.start, h.end) === h.exact) {
      found[i] = { start: h.start, end: h.end };
      continue;
    }
    found[i] = matchQuote(c.text, h.exact, h.prefix, h.suffix, h.start);
  }
  const ms = performance.now() - t0;
  process.stdout.write(JSON.stringify({
    results: found.map(f => (f ? [unitsToCp(map, f.start), unitsToCp(map, f.end)] : null)),
    exact: found.map((f, i) => (f ? c.text.slice(f.start, f.end) === sels[i].exact : false)),
    ms,
  }) + '\n');
}
