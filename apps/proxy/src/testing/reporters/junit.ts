import { show } from '../../common/matchers.js';
import type { Failure, FileReport, RunReport, StepReport, TestReport } from '../report.js';
import { formatLocation } from '../source-map.js';
import { formatSpecError, type SpecError } from '../spec-loader.js';

/**
 * JUnit XML, the format CI systems (GitHub Actions test reporters, GitLab, Jenkins,
 * CircleCI, Azure Pipelines) read. Written by hand: it is small, and the care it needs is
 * all in the escaping — servers send arbitrary text, and one stray control character makes
 * the whole file unreadable to a strict parser.
 */

/** One `<testcase>`. */
export interface JUnitCase {
  name: string;
  classname: string;
  timeSeconds: number;
  file?: string;
  line?: number;
  /**
   * Set when it failed. One element, as the JUnit schema allows: its message is the first
   * failure, its body all of them.
   */
  failure?: { message: string; type: string; body: string };
  /** Set for an error (the test could not run, or the server went away). */
  error?: { message: string; type: string; body: string };
  /** Set when skipped, with the reason. */
  skipped?: string;
  systemOut?: string;
}

/** One `<testsuite>`. */
export interface JUnitSuite {
  name: string;
  timestamp: string;
  timeSeconds: number;
  file?: string;
  properties: Record<string, string>;
  cases: JUnitCase[];
}

/** Characters XML 1.0 cannot hold at all (C0 controls but tab/LF/CR, U+FFFE/FFFF), and lone surrogates. */
const INVALID =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function clean(text: string): string {
  return text.replace(INVALID, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Text content: `&`, `<`, `>` escaped, and invalid characters made visible as `\uXXXX`. */
export function escapeText(text: string): string {
  return clean(text).replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** An attribute value: also quotes, and line breaks as character references so they survive. */
export function escapeAttribute(text: string): string {
  return escapeText(text)
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;')
    .replaceAll('\n', '&#10;')
    .replaceAll('\r', '&#13;')
    .replaceAll('\t', '&#9;');
}

const seconds = (s: number): string => s.toFixed(3);

function attributes(pairs: Record<string, string | number | undefined>): string {
  return Object.entries(pairs)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${escapeAttribute(String(v))}"`)
    .join('');
}

/** The whole document for `suites`. */
export function junitXml(name: string, suites: readonly JUnitSuite[]): string {
  const count = (suite: JUnitSuite) => ({
    tests: suite.cases.length,
    failures: suite.cases.filter((c) => c.failure !== undefined && c.error === undefined).length,
    errors: suite.cases.filter((c) => c.error !== undefined).length,
    skipped: suite.cases.filter((c) => c.skipped !== undefined).length,
  });
  const totals = suites.map(count).reduce(
    (a, b) => ({
      tests: a.tests + b.tests,
      failures: a.failures + b.failures,
      errors: a.errors + b.errors,
      skipped: a.skipped + b.skipped,
    }),
    { tests: 0, failures: 0, errors: 0, skipped: 0 },
  );
  const time = suites.reduce((sum, s) => sum + s.timeSeconds, 0);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attributes({ name, ...totals, time: seconds(time) })}>`,
  ];
  for (const suite of suites) {
    lines.push(
      `  <testsuite${attributes({ name: suite.name, ...count(suite), time: seconds(suite.timeSeconds), timestamp: suite.timestamp, file: suite.file })}>`,
    );
    const props = Object.entries(suite.properties);
    if (props.length > 0) {
      lines.push('    <properties>');
      for (const [k, v] of props)
        lines.push(`      <property${attributes({ name: k, value: v })}/>`);
      lines.push('    </properties>');
    }
    for (const c of suite.cases) lines.push(...caseLines(c));
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return lines.join('\n') + '\n';
}

function caseLines(c: JUnitCase): string[] {
  const open = `    <testcase${attributes({ name: c.name, classname: c.classname, time: seconds(c.timeSeconds), file: c.file, line: c.line })}`;
  const inner: string[] = [];
  if (c.skipped !== undefined) inner.push(`      <skipped${attributes({ message: c.skipped })}/>`);
  if (c.error !== undefined) {
    inner.push(
      `      <error${attributes({ message: c.error.message, type: c.error.type })}>${escapeText(c.error.body)}</error>`,
    );
  }
  if (c.failure !== undefined && c.error === undefined) {
    const f = c.failure;
    inner.push(
      `      <failure${attributes({ message: f.message, type: f.type })}>${escapeText(f.body)}</failure>`,
    );
  }
  if (c.systemOut !== undefined && c.systemOut !== '')
    inner.push(`      <system-out>${escapeText(c.systemOut)}</system-out>`);
  return inner.length === 0 ? [`${open}/>`] : [`${open}>`, ...inner, '    </testcase>'];
}

/** The test run as JUnit: a testsuite per spec file, a testcase per test. */
export function testReportToJUnit(report: RunReport): string {
  const suites: JUnitSuite[] = report.files.map((file) => ({
    name: file.name === file.file ? file.file : `${file.name} (${file.file})`,
    file: file.file,
    timestamp: file.startedAt,
    timeSeconds: file.durationMs / 1000,
    properties: Object.fromEntries(
      Object.entries(file.servers).map(([k, v]) => [`server.${k}`, v]),
    ),
    cases: file.tests.map((test) => testCase(file, test)),
  }));
  if (report.specErrors.length > 0) {
    const byFile = new Map<string, SpecError[]>();
    for (const e of report.specErrors) byFile.set(e.file, [...(byFile.get(e.file) ?? []), e]);
    suites.push({
      name: 'spec errors',
      timestamp: report.startedAt,
      timeSeconds: 0,
      properties: {},
      cases: [...byFile].map(([file, errors]) => ({
        name: file,
        classname: 'spec errors',
        timeSeconds: 0,
        file,
        line: errors[0]!.line,
        error: {
          message: formatSpecError(errors[0]!),
          type: 'SpecError',
          body: errors.map(formatSpecError).join('\n'),
        },
      })),
    });
  }
  return junitXml('mcpscope test', suites);
}

function testCase(file: FileReport, test: TestReport): JUnitCase {
  const c: JUnitCase = {
    name: test.name,
    classname: file.file,
    timeSeconds: test.durationMs / 1000,
    file: test.location.file,
    line: test.location.line,
  };
  const failures = test.steps.flatMap((step) =>
    step.failures.map((failure) => ({ step, failure })),
  );
  const notes = test.steps.flatMap((s) =>
    s.notes.map((n) => `step ${s.index + 1} (${s.label}): ${n}`),
  );
  if (notes.length > 0) c.systemOut = notes.join('\n');
  if (test.status === 'skipped') c.skipped = test.reason ?? 'skipped';
  const first = failures[0];
  const body = failures.map(({ step, failure }) => failureText(step, failure)).join('\n\n');
  if (test.status === 'error') {
    c.error = {
      message:
        first !== undefined
          ? `${first.failure.expectation}: ${first.failure.message}`
          : (test.reason ?? 'error'),
      type: test.errorKind ?? first?.failure.expectation ?? 'error',
      body: body || (test.reason ?? ''),
    };
  } else if (test.status === 'failed' && first !== undefined) {
    c.failure = {
      message: `${first.failure.expectation}: ${first.failure.message}`,
      type: first.failure.expectation,
      body,
    };
  }
  return c;
}

function failureText(step: StepReport, failure: Failure): string {
  const lines = [
    `step ${step.index + 1} (${step.label}) at ${formatLocation(step.location)}`,
    `${failure.expectation}: ${failure.message}`,
  ];
  if (failure.location !== undefined) lines.push(`  at ${formatLocation(failure.location)}`);
  if (failure.diff !== undefined) lines.push(failure.diff);
  else {
    if ('expected' in failure) lines.push(`  expected: ${show(failure.expected, 2000)}`);
    if ('actual' in failure) lines.push(`  actual:   ${show(failure.actual, 2000)}`);
  }
  return lines.join('\n');
}
