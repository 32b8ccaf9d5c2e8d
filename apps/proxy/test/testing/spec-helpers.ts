import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { expect } from 'vitest';
import { describeRun, runCli, type CliRun } from '../helpers/cli.js';
import { EVERYTHING, FIXTURES_DIR, PROXY_DIR } from '../helpers/paths.js';
import type { Failure, RunReport, TestReport } from '../../src/testing/report.js';

/** `expect.stringMatching`, typed as the string it stands for inside `toMatchObject`. */
export const matching = (pattern: RegExp): string => expect.stringMatching(pattern) as string;

/** `expect.stringContaining`, typed likewise. */
export const containing = (text: string): string => expect.stringContaining(text) as string;

/** The repository root, where examples/ and docs/ live. */
export const REPO_DIR = join(PROXY_DIR, '..', '..');

/** YAML for a stdio server line: `node <server-everything> stdio`, quoted for YAML. */
export const EVERYTHING_SERVER = `{ command: ${JSON.stringify(process.execPath)}, args: [${JSON.stringify(EVERYTHING)}, stdio] }`;

/** YAML for one of our fixture servers. */
export function fixtureServer(name: string, ...args: string[]): string {
  return `{ command: ${JSON.stringify(process.execPath)}, args: ${JSON.stringify([join(FIXTURES_DIR, name), ...args])} }`;
}

/** Writes `text` to `path`, creating folders, and returns the path. */
export function writeSpec(path: string, text: string): string {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  return path;
}

/** Runs `mcpscope test ARGS --reporter json` and parses the report. */
export async function runJson(...args: string[]): Promise<{ run: CliRun; report: RunReport }> {
  const run = await runCli(['test', ...args, '--reporter', 'json']);
  let report: RunReport;
  try {
    report = JSON.parse(run.stdout) as RunReport;
  } catch {
    throw new Error(`not a JSON report:\n${describeRun(run)}`);
  }
  return { run, report };
}

/** A test of the report by name, failing clearly when it is not there. */
export function testNamed(report: RunReport, name: string): TestReport {
  const test = report.files.flatMap((f) => f.tests).find((t) => t.name === name);
  if (test === undefined)
    throw new Error(
      `no test "${name}" in the report: ${report.files.flatMap((f) => f.tests.map((t) => t.name)).join(', ')}`,
    );
  return test;
}

/** Every failure of a test, over its steps. */
export function failuresOf(test: TestReport): Failure[] {
  return test.steps.flatMap((s) => s.failures);
}

/** The one failure of a test, which must have failed on exactly that one expectation. */
export function onlyFailure(report: RunReport, name: string): Failure {
  const test = testNamed(report, name);
  const failures = failuresOf(test);
  expect(
    failures.map((f) => f.expectation),
    `failures of "${name}"`,
  ).toHaveLength(1);
  return failures[0]!;
}

/** Parses JUnit XML strictly enough that a broken document fails the test. */
export function parseJUnit(xml: string): {
  testsuites: { tests: number; failures: number; errors: number; skipped: number };
  suites: {
    name: string;
    tests: number;
    failures: number;
    errors: number;
    skipped: number;
    cases: {
      name: string;
      classname: string;
      failure?: { message: string; type: string; text: string };
      error?: { message: string };
      skipped?: unknown;
    }[];
  }[];
} {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    textNodeName: 'text',
    parseAttributeValue: false,
    isArray: (name) => name === 'testsuite' || name === 'testcase' || name === 'property',
  });
  const doc = parser.parse(xml, true) as {
    testsuites: Record<string, string> & { testsuite?: Record<string, unknown>[] };
  };
  const root = doc.testsuites;
  const num = (v: unknown): number => Number(v);
  return {
    testsuites: {
      tests: num(root.tests),
      failures: num(root.failures),
      errors: num(root.errors),
      skipped: num(root.skipped),
    },
    suites: (root.testsuite ?? []).map((s) => ({
      name: String(s['name']),
      tests: num(s['tests']),
      failures: num(s['failures']),
      errors: num(s['errors']),
      skipped: num(s['skipped']),
      cases: ((s['testcase'] as Record<string, unknown>[] | undefined) ?? []).map((c) => ({
        name: String(c['name']),
        classname: String(c['classname']),
        ...(c['failure'] !== undefined && {
          failure: (typeof c['failure'] === 'string' ? { text: c['failure'] } : c['failure']) as {
            message: string;
            type: string;
            text: string;
          },
        }),
        ...(c['error'] !== undefined && { error: c['error'] as { message: string } }),
        ...(c['skipped'] !== undefined && { skipped: c['skipped'] }),
      })),
    })),
  };
}
