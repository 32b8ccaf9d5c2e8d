import { describe, expect, it } from 'vitest';
import { escapeAttribute, escapeText, junitXml } from '../../src/testing/reporters/junit.js';
import { parseJUnit } from './spec-helpers.js';

describe('JUnit XML', () => {
  const nasty = 'a <b> & "c" \'d\'\n\ttab \u0000nul \u001bESC \uFFFF lone \uD800 ]]> end';

  it('escapes markup, keeps line breaks in attributes, and makes invalid characters visible', () => {
    expect(escapeText('<a>&</a>')).toBe('&lt;a&gt;&amp;&lt;/a&gt;');
    expect(escapeAttribute('"x"\n')).toBe('&quot;x&quot;&#10;');
    expect(escapeText('\u0000\u001b\uD800')).toBe('\\u0000\\u001b\\ud800');
  });

  it('parses, whatever text servers send, with counts that match the cases', () => {
    const xml = junitXml('run', [
      {
        name: nasty,
        timestamp: '2026-01-01T00:00:00.000Z',
        timeSeconds: 1.5,
        properties: { server: nasty },
        cases: [
          { name: 'passes', classname: 'x', timeSeconds: 0.1 },
          {
            name: nasty,
            classname: 'x',
            timeSeconds: 0.2,
            failure: { message: nasty, type: 'expect.text.contains', body: nasty },
            systemOut: nasty,
          },
          {
            name: 'errs',
            classname: 'x',
            timeSeconds: 0,
            error: { message: 'gone', type: 'connection', body: nasty },
          },
          { name: 'skips', classname: 'x', timeSeconds: 0, skipped: 'not today' },
        ],
      },
    ]);
    const parsed = parseJUnit(xml);
    expect(parsed.testsuites).toEqual({ tests: 4, failures: 1, errors: 1, skipped: 1 });
    const suite = parsed.suites[0]!;
    expect(suite.cases.map((c) => c.name)).toEqual([
      'passes',
      expect.stringContaining('a <b> & "c"'),
      'errs',
      'skips',
    ]);
    expect(suite.cases[1]!.failure?.message).toContain('a <b> & "c" \'d\'');
    expect(suite.cases[1]!.failure?.type).toBe('expect.text.contains');
    expect(suite.cases[2]!.error?.message).toBe('gone');
    expect(suite.cases[3]!.skipped).toBeDefined();
  });
});
