import { likePattern } from './instants.js';

/** More terms than this add nothing a person would type and only slow the query. */
const MAX_TERMS = 12;

/**
 * The LIKE patterns of a free-text query: one per word or "quoted phrase", lower-cased and escaped.
 * A record matches when it contains every term, in any order, as people expect of a search box
 * ("key leaked" finds "leaked access key").
 */
export function searchPatterns(query: string): string[] {
  const terms: string[] = [];
  for (const match of query.matchAll(/"([^"]*)"|(\S+)/g)) {
    const term = (match[1] ?? match[2] ?? '').trim();
    if (term !== '') terms.push(term);
  }
  return terms.slice(0, MAX_TERMS).map(likePattern);
}
