/**
 * Text → terms for similarity: Unicode NFKC, lower case, split on anything that is not a letter or digit
 * (any script), drop English stop words and one-character tokens, then a light suffix stemmer so "rotated",
 * "rotating" and "rotates" meet. Deliberately small and predictable rather than a full Porter stemmer; the SQL
 * stores use their own FTS stemming for candidate lookup only, and scores are always computed here.
 */
const STOP_WORDS = new Set(
  (
    'a about above after again against all also am an and any are as at be because been before being below ' +
    'between both but by can could did do does doing down during each few for from further had has have having ' +
    'he her here hers him his how i if in into is it its itself just me more most my no nor not now of off on ' +
    'once only or other our ours out over own same she should so some such than that the their theirs them ' +
    'then there these they this those through to too under until up very was we were what when where which ' +
    'while who whom why will with would you your yours via per across within without'
  ).split(' '),
);

/** Lower-cased, stop-word-free, stemmed terms of a text, in order (duplicates kept for term frequency). */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  for (const raw of text
    .normalize('NFKC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)) {
    if (raw.length < 2 || STOP_WORDS.has(raw)) continue;
    out.push(stem(raw));
  }
  return out;
}

/**
 * Light English suffix stripping (plural and -ed/-ing/-ly forms), only on words of letters long enough to keep
 * a stem of at least three characters; numbers and identifiers pass through unchanged.
 */
export function stem(word: string): string {
  if (!/^\p{L}+$/u.test(word) || word.length <= 4) return word;
  if (word.endsWith('ies') && word.length > 5) return word.slice(0, -3) + 'y';
  if (word.endsWith('sses')) return word.slice(0, -2);
  for (const suffix of ['ingly', 'edly', 'ing', 'ed', 'ly']) {
    if (word.endsWith(suffix) && word.length - suffix.length >= 3)
      return undouble(word.slice(0, -suffix.length));
  }
  if (word.endsWith('es') && /(ch|sh|x|z|ss)es$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us') && !word.endsWith('is')) {
    return word.slice(0, -1);
  }
  return word;
}

// "stopped" → "stopp" → "stop"; keep "ll", "ss", "zz" (install, access, buzz).
function undouble(stemmed: string): string {
  const m = /([b-df-hj-kmnp-rtvwy])\1$/.exec(stemmed);
  return m ? stemmed.slice(0, -1) : stemmed;
}
