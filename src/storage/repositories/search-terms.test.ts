import { describe, expect, it } from 'vitest';
import { searchPatterns } from './search-terms.js';

describe('searchPatterns', () => {
  it('makes one escaped, lower-case pattern per word and per quoted phrase', () => {
    expect(searchPatterns('Key  "access KEY" 100%_')).toEqual(['%key%', '%access key%', '%100\\%\\_%']);
  });

  it('ignores empty phrases and keeps at most twelve terms', () => {
    expect(searchPatterns('"" a')).toEqual(['%a%']);
    expect(searchPatterns('a b c d e f g h i j k l m n')).toHaveLength(12);
  });
});
