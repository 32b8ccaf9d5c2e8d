import { ExitCode, type ExitCodeValue } from '../common/exit-codes.js';
import type { SourceLocation } from './source-map.js';
import type { SpecError } from './spec-loader.js';
import type { StepKind } from './spec-schema.js';

/**
 * What `mcpscope test` found, in one JSON-ready shape that every reporter reads. Versioned
 * like the recording format: a consumer can rely on `format` and `version`.
 */

/** One expectation that did not hold. */
export interface Failure {
  /** The expectation as the spec spells it, e.g. `expect.text.contains`, or a built-in check: `success`, `timeout`, `connection`, `strict`. */
  expectation: string;
  /** One line saying what is wrong. */
  message: string;
  expected?: unknown;
  actual?: unknown;
  /** Where the expectation is written in the spec. */
  location?: SourceLocation;
  /** Snapshots: what changed, one change per line. */
  diff?: string;
}

export type Status = 'passed' | 'failed' | 'error' | 'skipped';

export interface StepReport {
  index: number;
  kind: StepKind;
  /** e.g. `call echo`, or the step's name. */
  label: string;
  status: Status;
  durationMs: number;
  location: SourceLocation;
  failures: Failure[];
  /** Things worth knowing that are not failures (e.g. a server request nobody answered). */
  notes: string[];
}

export interface TestReport {
  name: string;
  status: Status;
  /** Why it was skipped, or why it errored. */
  reason?: string;
  /** `unreachable`: the server could not be started or reached; `connection`: it went away. */
  errorKind?: 'unreachable' | 'connection';
  server: string;
  durationMs: number;
  location: SourceLocation;
  steps: StepReport[];
}

export interface SnapshotSummary {
  file: string;
  passed: number;
  written: number;
  updated: number;
  failed: number;
  /** Stored snapshots no test of this run compared (removed with --update-snapshots). */
  obsolete: string[];
}

export interface FileReport {
  file: string;
  name: string;
  /** The servers it used, by name, as a short description (command line or URL). */
  servers: Record<string, string>;
  status: Status;
  durationMs: number;
  startedAt: string;
  tests: TestReport[];
  snapshots?: SnapshotSummary;
}

export interface Summary {
  files: number;
  tests: number;
  passed: number;
  failed: number;
  errors: number;
  skipped: number;
}

export interface RunReport {
  format: 'mcpscope-test-report';
  version: 1;
  startedAt: string;
  durationMs: number;
  exitCode: ExitCodeValue;
  summary: Summary;
  /** Spec errors: when there are any, nothing ran. */
  specErrors: SpecError[];
  files: FileReport[];
}

/** Milliseconds to a tenth, which is all a report reader needs. */
export function roundMs(ms: number): number {
  return Math.round(ms * 10) / 10;
}

/** Counts over every test of every file. */
export function summarize(files: readonly FileReport[]): Summary {
  const summary: Summary = {
    files: files.length,
    tests: 0,
    passed: 0,
    failed: 0,
    errors: 0,
    skipped: 0,
  };
  for (const file of files) {
    for (const test of file.tests) {
      summary.tests++;
      if (test.status === 'passed') summary.passed++;
      else if (test.status === 'failed') summary.failed++;
      else if (test.status === 'error') summary.errors++;
      else summary.skipped++;
    }
  }
  return summary;
}

/** The status of a group: error over failed over passed; all skipped is skipped. */
export function worstStatus(statuses: readonly Status[]): Status {
  if (statuses.includes('error')) return 'error';
  if (statuses.includes('failed')) return 'failed';
  if (statuses.length > 0 && statuses.every((s) => s === 'skipped')) return 'skipped';
  return 'passed';
}

/**
 * 2 when a spec is wrong (nothing ran), else 3 when a server could not be started or
 * reached, else 1 when anything failed, else 0.
 */
export function exitCodeOf(
  files: readonly FileReport[],
  specErrors: readonly SpecError[],
): ExitCodeValue {
  if (specErrors.length > 0) return ExitCode.USAGE;
  const tests = files.flatMap((f) => f.tests);
  if (tests.some((t) => t.errorKind === 'unreachable')) return ExitCode.CONNECTION;
  if (tests.some((t) => t.status === 'failed' || t.status === 'error')) return ExitCode.TOOL_ERROR;
  return ExitCode.OK;
}
