import { performance } from 'node:perf_hooks';
import type { RequestOutcome } from '@mcpscope/engine/session/outcome';
import type { Session } from '@mcpscope/engine/session/session';
import { checkStep, type StepEvidence, type StepFailure } from './expectations.js';
import { countChecks, lowerBoundsMet, type CountCheck } from './notification-checks.js';
import type { ServerHandle } from './server-handle.js';
import {
  diffSurface,
  normalizeSurface,
  SURFACE_KINDS,
  type SnapshotFile,
  type Surface,
} from './snapshot.js';
import { SNAPSHOT_KINDS, stepKind, type SnapshotKind, type Step } from './spec-schema.js';

/** How snapshot steps treat stored snapshots. */
export interface SnapshotMode {
  file: SnapshotFile;
  /** --update-snapshots: write what the server has now. */
  update: boolean;
  /** --ci (or CI set): a missing snapshot fails instead of being written. */
  ci: boolean;
  counts: { passed: number; written: number; updated: number; failed: number };
}

export interface StepContext {
  timeoutMs: number;
  notificationTimeoutMs: number;
  strict: boolean;
  snapshots: SnapshotMode;
  /** The key this step's snapshot is stored under. */
  snapshotKey: string;
}

export interface StepRun {
  failures: StepFailure[];
  durationMs: number;
  notes: string[];
}

const LIST_METHODS = {
  tools: 'tools/list',
  resources: 'resources/list',
  templates: 'resources/templates/list',
  prompts: 'prompts/list',
} as const;

/** The request a step sends. */
export function planStep(step: Step): { method: string; params?: Record<string, unknown> } {
  if ('list' in step) return { method: LIST_METHODS[step.list] };
  if ('call' in step)
    return { method: 'tools/call', params: { name: step.call, arguments: step.arguments ?? {} } };
  if ('read' in step) return { method: 'resources/read', params: { uri: step.read } };
  if ('prompt' in step)
    return {
      method: 'prompts/get',
      params: { name: step.prompt, arguments: step.arguments ?? {} },
    };
  if ('complete' in step) {
    const c = step.complete;
    const params: Record<string, unknown> = {
      ref:
        c.prompt !== undefined
          ? { type: 'ref/prompt', name: c.prompt }
          : { type: 'ref/resource', uri: c.resource },
      argument: { name: c.argument, value: c.value },
    };
    if (c.context !== undefined) params['context'] = { arguments: c.context };
    return { method: 'completion/complete', params };
  }
  if ('request' in step)
    return { method: step.request, ...(step.params !== undefined && { params: step.params }) };
  if ('notify' in step)
    return { method: step.notify, ...(step.params !== undefined && { params: step.params }) };
  return { method: 'snapshot' };
}

/** A short label: `call echo`, `list tools`, or the step's own name. */
export function stepLabel(step: Step): string {
  const kind = stepKind(step);
  let what: string;
  if ('list' in step) what = step.list;
  else if ('call' in step) what = step.call;
  else if ('read' in step) what = step.read;
  else if ('prompt' in step) what = step.prompt;
  else if ('complete' in step)
    what = `${step.complete.prompt ?? step.complete.resource ?? ''} ${step.complete.argument}`;
  else if ('request' in step) what = step.request;
  else if ('notify' in step) what = step.notify;
  else what = typeof step.snapshot === 'string' ? step.snapshot : step.snapshot.join(', ');
  const plain = `${kind} ${what}`;
  return step.name === undefined ? plain : `${step.name} (${plain})`;
}

/** Runs one step on a connected session and checks its expectations. */
export async function runStep(
  step: Step,
  session: Session,
  handle: ServerHandle,
  context: StepContext,
): Promise<StepRun> {
  const kind = stepKind(step);
  if (kind === 'snapshot')
    return runSnapshot(step as Extract<Step, { snapshot: unknown }>, session, context);
  const plan = planStep(step);
  let tool: StepEvidence['tool'];
  if (kind === 'call') {
    const listed = await handle.tools(session);
    const name = String(plan.params?.['name']);
    tool = {
      name,
      listed: listed.listed,
      known: listed.names,
      outputSchema: session.checker.tools.get(name)?.outputSchema,
    };
  }
  const checks = countChecks(step.expect);
  const startSeq = session.log.lastSeq + 1;
  const started = performance.now();
  let outcome: RequestOutcome | undefined;
  if (kind === 'notify') {
    const sent = await session.notify(plan.method, plan.params);
    if (!sent.ok) outcome = sent;
  } else if (kind === 'list') {
    outcome = await session.listAll(plan.method, {}, { timeoutMs: context.timeoutMs });
    if (outcome.ok && plan.method === 'tools/list') handle.learnTools(outcome.result);
  } else {
    outcome = await session.request(plan.method, plan.params, { timeoutMs: context.timeoutMs });
  }
  const wall = performance.now() - started;
  const durationMs =
    kind !== 'list' && outcome?.durationMs !== undefined ? outcome.durationMs : wall;
  if (outcome === undefined || outcome.ok || outcome.code === 'RPC_ERROR')
    await waitForCounts(session, startSeq, checks, context.notificationTimeoutMs);
  const entries = session.log.entries(startSeq);
  const evidence: StepEvidence = {
    kind,
    method: plan.method,
    durationMs,
    timeoutMs: context.timeoutMs,
    entries: entries.filter((e) => e.dir === 's2c'),
    strict: context.strict,
    ...(outcome !== undefined && kind !== 'notify' && { outcome }),
    ...(tool !== undefined && { tool }),
  };
  if (outcome?.responseSeq !== undefined) {
    const response = entries.find((e) => e.seq === outcome.responseSeq);
    if (response !== undefined) evidence.responseEntry = response;
  }
  const failures = checkStep(step.expect, evidence);
  if (kind === 'notify' && outcome !== undefined && !outcome.ok) {
    failures.unshift({
      expectation: 'connection',
      path: [],
      message: outcome.message,
      expected: 'the notification sent',
      actual: outcome.code,
      connectionLost: true,
    });
  }
  return { failures, durationMs, notes: [] };
}

/**
 * Waits until every counting expectation has its minimum, or the timeout passes. Returns at
 * once when nothing is expected, so a step without such expectations costs no time.
 */
function waitForCounts(
  session: Session,
  startSeq: number,
  checks: readonly CountCheck[],
  timeoutMs: number,
): Promise<void> {
  const met = (): boolean => lowerBoundsMet(checks, session.log.entries(startSeq));
  if (checks.length === 0 || met()) return Promise.resolve();
  return new Promise((resolve) => {
    const finish = (): void => {
      clearTimeout(timer);
      unsubscribe();
      resolve();
    };
    const timer = setTimeout(finish, timeoutMs);
    const unsubscribe = session.log.subscribe(() => {
      if (met()) finish();
    });
  });
}

async function runSnapshot(
  step: Extract<Step, { snapshot: unknown }>,
  session: Session,
  context: StepContext,
): Promise<StepRun> {
  const started = performance.now();
  const capabilities = session.handshake?.agreed.capabilities ?? {};
  const kinds: readonly SnapshotKind[] =
    step.snapshot === 'surface'
      ? SNAPSHOT_KINDS.filter((k) => capabilities[SURFACE_KINDS[k].capability] !== undefined)
      : step.snapshot;
  const surface: Surface = {};
  for (const kind of kinds) {
    const { method, key } = SURFACE_KINDS[kind];
    const listed = await session.listAll(method, {}, { timeoutMs: context.timeoutMs });
    if (!listed.ok) {
      return {
        durationMs: performance.now() - started,
        notes: [],
        failures: [
          {
            expectation: 'snapshot',
            path: ['snapshot'],
            message: `cannot take the snapshot: ${listed.message}`,
            expected: `${method} to succeed`,
            actual: listed.code,
            connectionLost: listed.code === 'CONNECTION_CLOSED' || listed.code === 'NOT_CONNECTED',
          },
        ],
      };
    }
    const list = (listed.result as Record<string, unknown>)[key];
    surface[kind] = Array.isArray(list) ? (list as Record<string, unknown>[]) : [];
  }
  const actual = normalizeSurface(surface);
  const durationMs = performance.now() - started;
  const { file, update, ci, counts } = context.snapshots;
  const stored = file.get(context.snapshotKey);
  const notes: string[] = [];
  const failures: StepFailure[] = [];
  if (stored === undefined) {
    if (ci && !update) {
      counts.failed++;
      failures.push({
        expectation: 'snapshot',
        path: ['snapshot'],
        message: `no stored snapshot "${context.snapshotKey}" in ${file.path}; run mcpscope test --update-snapshots and commit the file (in CI, missing snapshots fail)`,
        expected: 'a stored snapshot',
        actual: actual,
      });
    } else {
      file.set(context.snapshotKey, actual);
      counts.written++;
      notes.push(`snapshot "${context.snapshotKey}" written to ${file.path}`);
    }
  } else {
    const changes = diffSurface(stored, actual);
    if (changes.length === 0) counts.passed++;
    else if (update) {
      file.set(context.snapshotKey, actual);
      counts.updated++;
      notes.push(`snapshot "${context.snapshotKey}" updated (${changes.length} changes)`);
    } else {
      counts.failed++;
      failures.push({
        expectation: 'snapshot',
        path: ['snapshot'],
        message: `the server's surface differs from snapshot "${context.snapshotKey}" (${changes.filter((l) => /^\s+[+~-] /.test(l)).length} changes; run with --update-snapshots to accept them)`,
        expected: stored,
        actual,
        diff: changes.join('\n'),
      });
    }
  }
  return { failures, durationMs, notes };
}
