import { describe, expect, it } from 'vitest';
import { checkPath, select } from '../../src/common/jsonpath.js';
import { checkText, countMismatch, parseRegex } from '../../src/common/matchers.js';
import { colorsFor } from '../../src/common/colors.js';
import { containing } from './spec-helpers.js';

const result = {
  content: [
    { type: 'text', text: 'Echo: hi' },
    { type: 'image', data: 'AAA' },
  ],
  structuredContent: { temperature: 36, tags: ['a', 'b'], nested: { ok: true } },
};

describe('JSONPath assertions', () => {
  it('select nodes with readable locations, filters included', () => {
    expect(select(result, "$.content[?@.type=='text'].text")).toEqual([
      { value: 'Echo: hi', at: '$.content[0].text' },
    ]);
    expect(select(undefined, '$.x')).toEqual([]);
  });

  it('equals compares one node, or the list of several', () => {
    expect(checkPath(result, { path: '$.structuredContent.temperature', equals: 36 })).toEqual([]);
    expect(checkPath(result, { path: '$.content[*].type', equals: ['text', 'image'] })).toEqual([]);
    expect(checkPath(result, { path: '$.structuredContent.temperature', equals: 20 })).toEqual([
      {
        check: 'equals',
        message: '$.structuredContent.temperature is 36, expected 20',
        expected: 20,
        actual: 36,
      },
    ]);
    expect(checkPath(result, { path: '$.missing', equals: null })[0]).toMatchObject({
      check: 'equals',
      message: '$.missing selects nothing',
    });
  });

  it('matches, contains, exists, count and schema', () => {
    expect(
      checkPath(result, { path: '$.content[0].text', matches: '^echo', contains: 'hi' }),
    ).toEqual([expect.objectContaining({ check: 'matches', actual: 'Echo: hi' })]);
    expect(checkPath(result, { path: '$.content[0].text', matches: '/^echo/i' })).toEqual([]);
    expect(checkPath(result, { path: '$.structuredContent.tags', contains: 'b' })).toEqual([]);
    expect(
      checkPath(result, { path: '$.structuredContent', contains: { nested: { ok: true } } }),
    ).toEqual([]);
    expect(checkPath(result, { path: '$.structuredContent.tags', contains: 'c' })[0]?.check).toBe(
      'contains',
    );
    expect(checkPath(result, { path: '$.nope', exists: false })).toEqual([]);
    expect(checkPath(result, { path: '$.content[*]', count: 3 })[0]).toMatchObject({
      check: 'count',
      expected: 3,
      actual: 2,
    });
    const schema = checkPath(result, {
      path: '$.structuredContent',
      schema: { type: 'object', properties: { temperature: { type: 'string' } } },
    });
    expect(schema[0]?.message).toMatch(
      /^\$\.structuredContent is not valid against the schema: at temperature: /,
    );
  });
});

describe('text checks and counts', () => {
  it('report every check that fails', () => {
    expect(
      checkText('Echo: hi', {
        equals: 'x',
        contains: ['Echo', 'bye'],
        notContains: 'hi',
        matches: ['^E', 'z$'],
      }).map((m) => m.check),
    ).toEqual(['equals', 'contains', 'notContains', 'matches']);
  });

  it('regexes in both spellings, and a clear error for bad ones', () => {
    expect(parseRegex('/a.c/s')).toMatchObject({ ok: true });
    expect(parseRegex('a(')).toMatchObject({
      ok: false,
      message: containing('not a valid regular expression'),
    });
  });

  it('count ranges: exact, at least (default 1), at most, between', () => {
    expect(countMismatch(0, {})).toBe('at least 1');
    expect(countMismatch(2, { count: 3 })).toBe('exactly 3');
    expect(countMismatch(3, { max: 2 })).toBe('at most 2');
    expect(countMismatch(0, { max: 2 })).toBeUndefined();
    expect(countMismatch(5, { min: 1, max: 4 })).toBe('1 to 4');
  });
});

describe('colours', () => {
  it('only on a terminal, never with NO_COLOR, always with --color', () => {
    expect(colorsFor(undefined, true, {}).red('x')).toBe('\u001b[31mx\u001b[39m');
    expect(colorsFor(undefined, false, {}).red('x')).toBe('x');
    expect(colorsFor(undefined, true, { NO_COLOR: '1' }).red('x')).toBe('x');
    expect(colorsFor(true, false, { NO_COLOR: '1' }).red('x')).toBe('\u001b[31mx\u001b[39m');
    expect(colorsFor(false, true, {}).red('x')).toBe('x');
  });
});
