import { performance } from 'node:perf_hooks';
import { describeTarget, type ServerConfig } from '@mcpscope/protocol';
import { SpecClient } from './client-answers.js';
import {
  roundMs,
  worstStatus,
  type FileReport,
  type Status,
  type StepReport,
  type TestReport,
} from './report.js';
import { ServerHandle } from './server-handle.js';
import { DEFAULT_SERVER, resolveServer } from './servers.js';
import { SnapshotFile } from './snapshot.js';
import type { LoadedSpec, SpecError } from './spec-loader.js';
import { stepKind, type TestCase } from './spec-schema.js';
import { runStep, stepLabel, type SnapshotMode } from './step-runner.js';

/** The step timeout when neither the spec nor --timeout sets one. */
export const DEFAULT_STEP_TIMEOUT_MS = 30_000;
/** How long to wait after a response for expected notifications, unless a step says. */
export const DEFAULT_NOTIFICATION_TIMEOUT_MS = 2_000;

export interface RunOptions {
  updateSnapshots: boolean;
  /** Missing snapshots fail rather than being written. */
  ci: boolean;
  /** The default step timeout, below anything the spec says. */
  timeoutMs?: number | undefined;
  /** Only tests whose name contains this (case-insensitive). */
  filter?: string | undefined;
  /** Every traffic line, for --verbose. */
  trace?: ((line: string) => void) | undefined;
  onTestEnd?: ((file: LoadedSpec, test: TestReport) => void) | undefined;
}

/** A spec whose servers resolved: ready to run. */
export interface PreparedSpec {
  loaded: LoadedSpec;
  servers: Map<string, ServerConfig>;
}

/** Resolves a spec's servers (config files, URLs, commands); problems are spec errors. */
export async function prepareSpec(
  loaded: LoadedSpec,
  env: Record<string, string | undefined> = process.env,
): Promise<{ ok: true; prepared: PreparedSpec } | { ok: false; errors: SpecError[] }> {
  const { spec, source } = loaded;
  const defs =
    spec.servers !== undefined
      ? Object.entries(spec.servers).map(([name, def]) => ({ name, def, path: ['servers', name] }))
      : [{ name: DEFAULT_SERVER, def: spec.server!, path: ['server'] }];
  const servers = new Map<string, ServerConfig>();
  const errors: SpecError[] = [];
  for (const { name, def, path } of defs) {
    const resolved = await resolveServer(def, loaded.dir, env);
    if (resolved.ok) servers.set(name, resolved.config);
    else errors.push({ ...source.locate(path), message: `${path.join('.')}: ${resolved.message}` });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, prepared: { loaded, servers } };
}

/** Runs spec files, `jobs` at a time; each file's tests run in order. Reports keep file order. */
export async function runSpecFiles(
  specs: readonly PreparedSpec[],
  options: RunOptions & { jobs: number },
): Promise<FileReport[]> {
  const reports: FileReport[] = new Array<FileReport>(specs.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < specs.length) {
      const index = next++;
      reports[index] = await runSpecFile(specs[index]!, options);
    }
  };
  await Promise.all(
    Array.from({ length: Math.max(1, Math.min(options.jobs, specs.length)) }, worker),
  );
  return reports;
}

/** Runs one spec file against its servers, test after test. */
export async function runSpecFile(
  prepared: PreparedSpec,
  options: RunOptions,
): Promise<FileReport> {
  const { loaded } = prepared;
  const { spec } = loaded;
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const filter = options.filter?.toLowerCase();
  const selected = spec.tests
    .map((test, index) => ({ test, index }))
    .filter(({ test }) => filter === undefined || test.name.toLowerCase().includes(filter));
  const handles = new Map<string, ServerHandle>();
  const handleFor = (name: string): ServerHandle => {
    let handle = handles.get(name);
    if (handle === undefined) {
      const tests = spec.tests.filter((t) => (t.server ?? firstServer(prepared)) === name);
      handle = new ServerHandle(
        name,
        prepared.servers.get(name)!,
        new SpecClient(SpecClient.declaredFor(spec, tests), loaded.dir),
        {
          stepTimeoutMs: spec.timeout ?? options.timeoutMs ?? DEFAULT_STEP_TIMEOUT_MS,
          connectTimeoutMs: spec.connectTimeout,
          protocolVersion: spec.protocolVersion,
          trace:
            options.trace === undefined
              ? undefined
              : (line) => options.trace!(`${loaded.file} ${line}`),
        },
      );
      handles.set(name, handle);
    }
    return handle;
  };
  const snapshots: SnapshotMode = {
    file: new SnapshotFile(loaded.path),
    update: options.updateSnapshots,
    ci: options.ci,
    counts: { passed: 0, written: 0, updated: 0, failed: 0 },
  };
  const tests: TestReport[] = [];
  try {
    for (const { test, index } of selected) {
      const report = await runTest(test, index, handleFor, prepared, options, snapshots);
      tests.push(report);
      options.onTestEnd?.(loaded, report);
    }
  } finally {
    await Promise.all([...handles.values()].map((h) => h.close()));
  }
  const allPassed = tests.every((t) => t.status === 'passed');
  snapshots.file.save(options.updateSnapshots && filter === undefined && allPassed);
  const used = new Set(selected.map(({ test }) => test.server ?? firstServer(prepared)));
  const report: FileReport = {
    file: loaded.file,
    name: loaded.name,
    servers: Object.fromEntries(
      [...prepared.servers]
        .filter(([name]) => used.has(name))
        .map(([name, config]) => [name, describeTarget(config)]),
    ),
    status: worstStatus(tests.map((t) => t.status)),
    durationMs: roundMs(performance.now() - started),
    startedAt,
    tests,
  };
  const { counts } = snapshots;
  const obsolete = filter === undefined ? snapshots.file.obsolete() : [];
  if (counts.passed + counts.written + counts.updated + counts.failed > 0 || obsolete.length > 0) {
    report.snapshots = { file: snapshots.file.path, ...counts, obsolete };
  }
  return report;
}

function firstServer(prepared: PreparedSpec): string {
  return [...prepared.servers.keys()][0]!;
}

async function runTest(
  test: TestCase,
  index: number,
  handleFor: (name: string) => ServerHandle,
  prepared: PreparedSpec,
  options: RunOptions,
  snapshots: SnapshotMode,
): Promise<TestReport> {
  const { loaded } = prepared;
  const { spec, source } = loaded;
  const started = performance.now();
  const server = test.server ?? firstServer(prepared);
  const base = ['tests', index] as const;
  const report: TestReport = {
    name: test.name,
    status: 'passed',
    server,
    durationMs: 0,
    location: source.locate([...base, 'name']),
    steps: [],
  };
  const notRun = (from: number, reason: string): void => {
    for (let j = from; j < test.steps.length; j++) {
      const step = test.steps[j]!;
      report.steps.push({
        index: j,
        kind: stepKind(step),
        label: stepLabel(step),
        status: 'skipped',
        durationMs: 0,
        location: source.locate([...base, 'steps', j]),
        failures: [],
        notes: [reason],
      });
    }
  };
  if (test.skip !== undefined && test.skip !== false) {
    report.status = 'skipped';
    report.reason = typeof test.skip === 'string' ? test.skip : 'skip: true';
    notRun(0, 'the test is skipped');
    return report;
  }
  const handle = handleFor(server);
  const ready = await handle.ready();
  if (!ready.ok) {
    report.status = 'error';
    report.errorKind = ready.unreachable ? 'unreachable' : 'connection';
    report.reason = ready.message;
    notRun(0, 'not run: the server is not available');
    report.durationMs = roundMs(performance.now() - started);
    return report;
  }
  const snapshotKeys = new Map<string, number>();
  for (let j = 0; j < test.steps.length; j++) {
    const step = test.steps[j]!;
    const stepPath = [...base, 'steps', j];
    handle.client.setScope(spec.client, test.client, step.client);
    const keyBase = step.name === undefined ? test.name : `${test.name} › ${step.name}`;
    const seen = (snapshotKeys.get(keyBase) ?? 0) + 1;
    if ('snapshot' in step) snapshotKeys.set(keyBase, seen);
    let stepReport: StepReport;
    try {
      const run = await runStep(step, ready.session, handle, {
        timeoutMs:
          step.timeout ??
          test.timeout ??
          spec.timeout ??
          options.timeoutMs ??
          DEFAULT_STEP_TIMEOUT_MS,
        notificationTimeoutMs: step.notificationTimeout ?? DEFAULT_NOTIFICATION_TIMEOUT_MS,
        strict: spec.strict === true,
        snapshots,
        snapshotKey: seen > 1 ? `${keyBase} ${seen}` : keyBase,
      });
      const status: Status =
        run.failures.length === 0
          ? 'passed'
          : run.failures.some((f) => f.connectionLost)
            ? 'error'
            : 'failed';
      stepReport = {
        index: j,
        kind: stepKind(step),
        label: stepLabel(step),
        status,
        durationMs: roundMs(run.durationMs),
        location: source.locate(stepPath),
        failures: run.failures
          .map(({ path, connectionLost: _lost, ...failure }) => ({
            ...failure,
            location: source.locate([...stepPath, ...path]),
          }))
          .sort(
            (a, b) => a.location.line - b.location.line || a.location.column - b.location.column,
          ),
        notes: [...run.notes, ...handle.client.takeNotes()],
      };
    } catch (error) {
      // A bug of ours must cost one test, not the run, and must say so.
      stepReport = {
        index: j,
        kind: stepKind(step),
        label: stepLabel(step),
        status: 'error',
        durationMs: 0,
        location: source.locate(stepPath),
        failures: [
          {
            expectation: 'internal',
            message: `mcpscope failed while running this step: ${(error as Error).stack ?? String(error)}`,
          },
        ],
        notes: [],
      };
    }
    report.steps.push(stepReport);
    if (stepReport.status !== 'passed') {
      if (stepReport.status === 'error') {
        if (stepReport.failures[0]?.expectation === 'connection') report.errorKind = 'connection';
        report.reason = stepReport.failures[0]?.message;
      }
      notRun(j + 1, `not run: step ${j + 1} (${stepReport.label}) did not pass`);
      break;
    }
  }
  report.status = worstStatus(report.steps.map((s) => s.status).filter((s) => s !== 'skipped'));
  report.durationMs = roundMs(performance.now() - started);
  return report;
}
