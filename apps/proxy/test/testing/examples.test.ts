import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeRun, runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp.js';
import type { RunReport } from '../../src/testing/report.js';
import { parseJUnit, REPO_DIR } from './spec-helpers.js';

/** The examples as a reader runs them: the passing one exits 0, the failing one 1. */
describe('examples/', () => {
  const tmp = tempDir('examples');
  afterAll(() => tmp.remove());

  it('everything.yaml passes against server-everything; its JUnit report has every test case', async () => {
    const junit = tmp.path('junit.xml');
    const run = await runCli([
      'test',
      join(REPO_DIR, 'examples', 'everything.yaml'),
      '--reporter',
      'junit',
      '--output',
      junit,
      // The checked-in snapshot must exist and match: a missing one fails, as in CI.
      '--ci',
    ]);
    expect(run.code, describeRun(run)).toBe(0);
    // With --output, the human report still goes to stdout.
    expect(run.stdout).toMatch(/^mcpscope test · 1 spec file/);
    expect(run.stdout).toMatch(/Tests {6}5 passed \(5\)/);
    expect(run.stdout).toMatch(/Snapshots {2}1 passed/);
    expect(run.stdout).not.toContain('\u001b[');
    const parsed = parseJUnit(readFileSync(junit, 'utf8'));
    expect(parsed.testsuites).toEqual({ tests: 5, failures: 0, errors: 0, skipped: 0 });
    expect(parsed.suites).toHaveLength(1);
    expect(parsed.suites[0]!.cases.map((c) => c.name)).toEqual([
      'the surface lists what clients rely on',
      'tools return what they promise',
      'resources, prompts and completions',
      'the server asks, the spec answers',
      'notifications during a step',
    ]);
  });

  it('failing/ exits 1; the JSON report names each failing expectation; stdout shows expected and actual', async () => {
    const output = tmp.path('report.json');
    const run = await runCli([
      'test',
      join(REPO_DIR, 'examples', 'failing'),
      '--reporter',
      'json',
      '--output',
      output,
    ]);
    expect(run.code, describeRun(run)).toBe(1);
    const report = JSON.parse(readFileSync(output, 'utf8')) as RunReport;
    expect(report).toMatchObject({ format: 'mcpscope-test-report', version: 1, exitCode: 1 });
    expect(report.summary).toEqual({
      files: 1,
      tests: 4,
      passed: 1,
      failed: 3,
      errors: 0,
      skipped: 0,
    });
    const failures = report.files[0]!.tests.flatMap((t) =>
      t.steps.flatMap((s) => s.failures.map((f) => `${t.name}: ${f.expectation}`)),
    );
    expect(failures).toEqual([
      'the weather in Chicago is mild: expect.structuredContent[0].equals',
      'the weather in Chicago is mild: expect.text.contains',
      'the search tool exists: expect.includes',
      'a tool error is not a success: success',
    ]);
    expect(run.stdout).toContain(
      '✗ expect.structuredContent[0].equals: $.temperature is 36, expected 20',
    );
    expect(run.stdout).toMatch(
      /at examples\/failing\/regressions\.yaml:33:\d+|at .*regressions\.yaml:33:\d+/,
    );
    expect(run.stdout).toContain('expected: 20\n        actual:   36');
    expect(run.stdout).toContain('1 later step not run');
  });
});
