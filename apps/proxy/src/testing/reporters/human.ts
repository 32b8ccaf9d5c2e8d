import { formatLocation } from '../source-map.js';
import { formatSpecError, type SpecError } from '../spec-loader.js';
import type { Failure, FileReport, RunReport, TestReport } from '../report.js';
import { show } from '../../common/matchers.js';
import { formatDuration, type Colors } from '../../common/colors.js';

/**
 * The report a person reads in a terminal or a CI log: one line per test as it finishes
 * (files run in parallel, so each line names its file), then every failure with where it
 * is written, what was expected and what came, then the totals.
 */
export class HumanReporter {
  constructor(
    private readonly out: (line: string) => void,
    private readonly c: Colors,
  ) {}

  start(files: number, jobs: number): void {
    this.out(
      this.c.bold(`mcpscope test`) +
        this.c.dim(
          ` · ${files} spec file${files === 1 ? '' : 's'}${files > 1 ? `, ${Math.min(jobs, files)} at a time` : ''}`,
        ),
    );
  }

  testEnd(file: string, test: TestReport): void {
    const c = this.c;
    const mark =
      test.status === 'passed'
        ? c.green('✓')
        : test.status === 'skipped'
          ? c.yellow('↓')
          : c.red(test.status === 'error' ? '!' : '✗');
    const time =
      test.status === 'skipped' ? c.dim(' skipped') : c.dim(` ${formatDuration(test.durationMs)}`);
    this.out(` ${mark} ${c.dim(`${file} ›`)} ${test.name}${time}`);
  }

  specErrors(errors: readonly SpecError[]): void {
    for (const error of errors) this.out(this.c.red(formatSpecError(error)));
    this.out(
      this.c.red(`${errors.length} spec error${errors.length === 1 ? '' : 's'}: nothing was run`),
    );
  }

  finish(report: RunReport): void {
    const failing = report.files.flatMap((file) =>
      file.tests
        .filter((t) => t.status === 'failed' || t.status === 'error')
        .map((test) => ({ file, test })),
    );
    if (failing.length > 0) {
      this.out('');
      this.out(this.c.bold(this.c.red(`Failures (${failing.length})`)));
      for (const { file, test } of failing) this.failure(file, test);
    }
    this.summary(report);
  }

  private failure(file: FileReport, test: TestReport): void {
    const c = this.c;
    this.out('');
    this.out(
      `${c.red(test.status === 'error' ? 'ERROR' : 'FAIL')} ${file.file} › ${c.bold(test.name)}`,
    );
    this.out(
      c.dim(
        `  at ${formatLocation(test.location)} · server ${file.servers[test.server] ?? test.server}`,
      ),
    );
    if (test.reason !== undefined && test.steps.every((s) => s.status === 'skipped'))
      this.out(`  ${c.red(test.reason)}`);
    for (const step of test.steps) {
      if (step.status === 'passed' || step.status === 'skipped') continue;
      this.out(
        `  step ${step.index + 1} · ${step.label} ${c.dim(`(${formatLocation(step.location)})`)}`,
      );
      for (const failure of step.failures) this.failureLines(failure);
      for (const note of step.notes) this.out(c.dim(`    note: ${note}`));
    }
    const notRun = test.steps.filter((s) => s.status === 'skipped').length;
    if (notRun > 0 && test.steps.some((s) => s.status !== 'skipped'))
      this.out(c.dim(`  ${notRun} later step${notRun === 1 ? '' : 's'} not run`));
  }

  private failureLines(failure: Failure): void {
    const c = this.c;
    this.out(`    ${c.red('✗')} ${c.bold(failure.expectation)}: ${failure.message}`);
    if (failure.location !== undefined)
      this.out(c.dim(`        at ${formatLocation(failure.location)}`));
    if (failure.diff !== undefined) {
      for (const line of failure.diff.split('\n')) {
        const trimmed = line.trimStart();
        const paint = trimmed.startsWith('+')
          ? c.green
          : trimmed.startsWith('-')
            ? c.red
            : trimmed.startsWith('~')
              ? c.yellow
              : (s: string) => s;
        this.out(`        ${paint(line)}`);
      }
      return;
    }
    if ('expected' in failure) this.out(`        expected: ${c.green(display(failure.expected))}`);
    if ('actual' in failure) this.out(`        actual:   ${c.red(display(failure.actual))}`);
  }

  private summary(report: RunReport): void {
    const c = this.c;
    const s = report.summary;
    const parts = [
      s.passed > 0 ? c.green(`${s.passed} passed`) : undefined,
      s.failed > 0 ? c.red(`${s.failed} failed`) : undefined,
      s.errors > 0 ? c.red(`${s.errors} errored`) : undefined,
      s.skipped > 0 ? c.yellow(`${s.skipped} skipped`) : undefined,
    ].filter((p) => p !== undefined);
    const failedFiles = report.files.filter(
      (f) => f.status === 'failed' || f.status === 'error',
    ).length;
    this.out('');
    this.out(`${c.bold('Tests')}      ${parts.join(', ') || 'none'} ${c.dim(`(${s.tests})`)}`);
    this.out(
      `${c.bold('Files')}      ${s.files}${failedFiles > 0 ? c.red(` (${failedFiles} failed)`) : ''}`,
    );
    const snap = { passed: 0, written: 0, updated: 0, failed: 0, obsolete: 0 };
    for (const f of report.files) {
      if (f.snapshots === undefined) continue;
      snap.passed += f.snapshots.passed;
      snap.written += f.snapshots.written;
      snap.updated += f.snapshots.updated;
      snap.failed += f.snapshots.failed;
      snap.obsolete += f.snapshots.obsolete.length;
    }
    const snapParts = [
      snap.passed > 0 ? `${snap.passed} passed` : undefined,
      snap.written > 0 ? c.green(`${snap.written} written`) : undefined,
      snap.updated > 0 ? c.green(`${snap.updated} updated`) : undefined,
      snap.failed > 0 ? c.red(`${snap.failed} failed`) : undefined,
      snap.obsolete > 0 ? c.yellow(`${snap.obsolete} obsolete`) : undefined,
    ].filter((p) => p !== undefined);
    if (snapParts.length > 0) this.out(`${c.bold('Snapshots')}  ${snapParts.join(', ')}`);
    this.out(`${c.bold('Time')}       ${formatDuration(report.durationMs)}`);
    if (snap.failed > 0) this.out(c.dim('Run with --update-snapshots to accept the new surface.'));
  }
}

function display(value: unknown): string {
  if (typeof value === 'string' && !value.includes('\n') && value.length <= 500)
    return JSON.stringify(value);
  return show(value, 500);
}
