import { describe, expect, it } from 'vitest';
import { jsonErrorOffset, lineColumn } from './json-error-offset.js';

describe('jsonErrorOffset', () => {
  it('accepts valid JSON of every kind', () => {
    for (const text of ['{}', '[]', ' {"a": [1, -2.5e3, true, false, null, "x\\"y"]} ', '"s"', '0']) {
      expect(jsonErrorOffset(text)).toBeNull();
    }
  });

  it('points at the first error', () => {
    const text = '{\n  "title": "x",\n  "severity": \n}';
    const offset = jsonErrorOffset(text);
    expect(offset).toBe(text.lastIndexOf('}'));
    expect(lineColumn(text, offset ?? 0)).toBe('4:1');
    expect(jsonErrorOffset('{"a": 1,}')).toBe(8);
    expect(jsonErrorOffset('[1 2]')).toBe(3);
    expect(jsonErrorOffset('{"a": tru}')).toBe(6);
    expect(jsonErrorOffset('{"a": 1} x')).toBe(9);
    expect(jsonErrorOffset('{"a": "unterminated')).toBe(19);
  });
});
