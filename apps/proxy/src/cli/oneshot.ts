import type { Diagnostic, OAuthFlow, TrafficEntry } from '@mcpscope/protocol';
import { parseTimeout, type CliIo } from '../common/io.js';
import { parseRedactPatterns } from '@mcpscope/engine/recording/redact';
import { RecordingWriter } from '@mcpscope/engine/recording/writer';
import { describeModernError } from '@mcpscope/engine/session/modern';
import type { RequestFailure, RequestOutcome } from '@mcpscope/engine/session/outcome';
import { Session } from '@mcpscope/engine/session/session';
import { runAsTask } from '@mcpscope/engine/session/tasks';
import { policyFromFlags, type AnswerFlags } from '../common/answers.js';
import { ExitCode, exitCodeFor, type ExitCodeValue } from '../common/exit-codes.js';
import { headlessOAuthOptions, type OAuthFlags } from '../common/oauth-flags.js';
import { resolveTarget, type TargetFlags } from '../common/target.js';
import { formatEntry } from '../common/traffic-printer.js';
import { parseJsonObjectFlag, parseKeyValue, UsageError } from '../common/usage-error.js';
import { maxLineOption } from '../common/target-options.js';
import { CLIENT_INFO } from '../version.js';

/** Every flag of a one-shot call. */
export { parseTimeout, type CliIo };

export interface OneShotFlags extends TargetFlags, AnswerFlags, OAuthFlags {
  method?: string;
  toolName?: string;
  toolArg?: string[];
  toolArgsJson?: string;
  uri?: string;
  promptName?: string;
  promptArgs?: string[];
  params?: string;
  logLevel?: string;
  completionArg?: string;
  completionContext?: string[];
  timeout?: string;
  connectTimeout?: string;
  format?: string;
  verbose?: boolean;
  record?: string;
  /** `--redact REGEX` (repeatable) collects patterns; `--no-redact` makes it false. */
  redact?: boolean | string[];
  strict?: boolean;
  protocolVersion?: string;
  /** `--task`: run tools/call as a task where the tool allows it (required ones always are). */
  task?: boolean;
  /** `--no-wait`: with a task, print its id instead of waiting for the result. */
  wait?: boolean;
  /** `--task-id`: the task of tasks/get, tasks/result and tasks/cancel. */
  taskId?: string;
}

const LOG_LEVELS = [
  'debug',
  'info',
  'notice',
  'warning',
  'error',
  'critical',
  'alert',
  'emergency',
];
const KNOWN_METHODS = [
  'initialize',
  'ping',
  'tools/list',
  'tools/call',
  'resources/list',
  'resources/templates/list',
  'resources/read',
  'resources/subscribe',
  'resources/unsubscribe',
  'prompts/list',
  'prompts/get',
  'completion/complete',
  'logging/setLevel',
  'tasks/get',
  'tasks/result',
  'tasks/list',
  'tasks/cancel',
];

interface Plan {
  method: string;
  params: Record<string, unknown> | undefined;
  /** Follow nextCursor and merge pages. */
  listAll: boolean;
}

/** Which request the flags ask for. Throws {@link UsageError} for missing or stray flags. */
export function planRequest(flags: OneShotFlags): Plan {
  const method =
    flags.method ??
    (flags.toolName
      ? 'tools/call'
      : flags.promptName
        ? 'prompts/get'
        : flags.uri
          ? 'resources/read'
          : undefined);
  if (method === undefined) {
    throw new UsageError(
      `--method is required: one of ${KNOWN_METHODS.join(', ')}, or any method with --params JSON`,
    );
  }
  const need = (value: string | undefined, flag: string): string => {
    if (value === undefined) throw new UsageError(`${method} needs ${flag}`);
    return value;
  };
  const extra = flags.params === undefined ? {} : parseJsonObjectFlag(flags.params, '--params');
  switch (method) {
    case 'initialize':
    case 'ping':
      return { method, params: undefined, listAll: false };
    case 'tools/list':
    case 'resources/list':
    case 'resources/templates/list':
    case 'prompts/list':
      return { method, params: extra, listAll: extra['cursor'] === undefined };
    case 'tools/call':
      // Arguments are filled in after tools/list, when the inputSchema is known.
      return {
        method,
        params: { ...extra, name: need(flags.toolName, '--tool-name NAME') },
        listAll: false,
      };
    case 'resources/read':
    case 'resources/subscribe':
    case 'resources/unsubscribe':
      return { method, params: { ...extra, uri: need(flags.uri, '--uri URI') }, listAll: false };
    case 'tasks/get':
    case 'tasks/result':
    case 'tasks/cancel':
      return {
        method,
        params: { ...extra, taskId: need(flags.taskId, '--task-id ID') },
        listAll: false,
      };
    case 'tasks/list':
      return { method, params: extra, listAll: extra['cursor'] === undefined };
    case 'prompts/get': {
      const args = Object.fromEntries(
        (flags.promptArgs ?? []).map((kv) => parseKeyValue(kv, '--prompt-args')),
      );
      return {
        method,
        params: { ...extra, name: need(flags.promptName, '--prompt-name NAME'), arguments: args },
        listAll: false,
      };
    }
    case 'completion/complete': {
      const ref =
        flags.promptName !== undefined
          ? { type: 'ref/prompt', name: flags.promptName }
          : flags.uri !== undefined
            ? { type: 'ref/resource', uri: flags.uri }
            : undefined;
      if (ref === undefined)
        throw new UsageError(
          'completion/complete needs --prompt-name NAME or --uri TEMPLATE to say what to complete',
        );
      const [name, value] = parseKeyValue(
        need(flags.completionArg, '--completion-arg NAME=VALUE'),
        '--completion-arg',
      );
      const params: Record<string, unknown> = { ...extra, ref, argument: { name, value } };
      if (flags.completionContext !== undefined && flags.completionContext.length > 0) {
        params['context'] = {
          arguments: Object.fromEntries(
            flags.completionContext.map((kv) => parseKeyValue(kv, '--completion-context')),
          ),
        };
      }
      return { method, params, listAll: false };
    }
    case 'logging/setLevel': {
      const level = need(flags.logLevel, `--log-level LEVEL (${LOG_LEVELS.join(', ')})`);
      if (!LOG_LEVELS.includes(level))
        throw new UsageError(`--log-level must be one of ${LOG_LEVELS.join(', ')}, got "${level}"`);
      return { method, params: { ...extra, level }, listAll: false };
    }
    default:
      return { method, params: flags.params === undefined ? undefined : extra, listAll: false };
  }
}

/**
 * Tool arguments from `--tool-args-json` and `--tool-arg k=v`. A value is parsed as JSON
 * when it is valid JSON (so numbers and booleans work), except where the tool's inputSchema
 * says the property is a string: `--tool-arg zip=02134` stays "02134".
 */
export function toolArguments(flags: OneShotFlags, inputSchema: unknown): Record<string, unknown> {
  const args =
    flags.toolArgsJson === undefined
      ? {}
      : parseJsonObjectFlag(flags.toolArgsJson, '--tool-args-json');
  const properties =
    ((inputSchema ?? {}) as { properties?: Record<string, unknown> }).properties ?? {};
  for (const pair of flags.toolArg ?? []) {
    const [key, value] = parseKeyValue(pair, '--tool-arg');
    if (isTextProperty(properties[key])) {
      args[key] = value;
      continue;
    }
    try {
      args[key] = JSON.parse(value);
    } catch {
      args[key] = value;
    }
  }
  return args;
}

/**
 * True when a property only ever holds text: `type: "string"`, or string-or-null written as
 * `type: ["string", "null"]` or `anyOf`/`oneOf` (what Python's `Optional[str]` produces).
 */
function isTextProperty(schema: unknown): boolean {
  if (typeof schema !== 'object' || schema === null) return false;
  const s = schema as { type?: unknown; anyOf?: unknown; oneOf?: unknown };
  const types: unknown[] = [];
  if (typeof s.type === 'string') types.push(s.type);
  else if (Array.isArray(s.type)) types.push(...(s.type as unknown[]));
  for (const branch of [s.anyOf, s.oneOf]) {
    if (!Array.isArray(branch)) continue;
    for (const option of branch as { type?: unknown }[]) {
      if (Array.isArray(option?.type)) types.push(...(option.type as unknown[]));
      else types.push(option?.type);
    }
  }
  const nonNull = types.filter((t) => t !== 'null');
  return nonNull.length > 0 && nonNull.every((t) => t === 'string');
}

/** Runs one request against one server and prints its result. Returns the exit code. */
export async function runOneShot(
  positional: readonly string[],
  flags: OneShotFlags,
  io: CliIo,
): Promise<ExitCodeValue> {
  const format = flags.format ?? 'json';
  if (format !== 'json' && format !== 'text')
    throw new UsageError(`--format must be json or text, got "${format}"`);
  const plan = planRequest(flags);
  const timeoutMs = parseTimeout(flags.timeout, '--timeout');
  const connectGiven = parseTimeout(flags.connectTimeout, '--connect-timeout');
  // The handshake is bounded by the smaller of the two when either is given: a user who asks
  // for --timeout 2000 must not wait 30 s for a server that never answers initialize.
  const connectTimeoutMs =
    connectGiven === undefined
      ? timeoutMs
      : timeoutMs === undefined
        ? connectGiven
        : Math.min(connectGiven, timeoutMs);
  const bound: HandshakeBound =
    connectTimeoutMs === undefined
      ? undefined
      : connectGiven !== undefined && connectGiven === connectTimeoutMs
        ? '--connect-timeout'
        : '--timeout';
  // Flag syntax is checked before anything starts: exit 2 means nothing was sent.
  if (plan.method === 'tools/call') toolArguments(flags, undefined);
  const patterns = redactPatterns(flags);
  const config = await resolveTarget(positional, flags);
  const oauth = { ...headlessOAuthOptions(flags), onFlow: oauthWarningPrinter(io) };
  const policy = policyFromFlags(flags, (line) => io.stderr(`mcpscope: ${line}`));
  const session = new Session(config, {
    policy,
    clientInfo: CLIENT_INFO,
    // Servers that keep timers alive after end-of-input would otherwise hold the prompt.
    exitGraceMs: 20,
    ...maxLineOption(flags),
    redact: flags.redact !== false,
    redactPatterns: patterns,
    oauth,
    ...(timeoutMs !== undefined && { timeoutMs }),
    ...(connectTimeoutMs !== undefined && { connectTimeoutMs }),
  });
  handshakeBounds.set(session, bound);
  const recorder =
    flags.record === undefined
      ? undefined
      : new RecordingWriter(flags.record, {
          config,
          client: CLIENT_INFO,
          redact: flags.redact !== false,
          patterns,
        });
  if (recorder !== undefined) session.log.addRecorder(recorder.write);
  if (flags.verbose === true)
    session.log.subscribe((entry) => io.stderr(session.redact(formatEntry(entry))));

  const interrupt = new AbortController();
  const onSigint = (): void => interrupt.abort();
  process.once('SIGINT', onSigint);
  try {
    return await execute(session, plan, flags, format, interrupt.signal, io);
  } finally {
    process.removeListener('SIGINT', onSigint);
    await session.close();
    recorder?.close();
    if (recorder?.error !== undefined)
      io.stderr(
        `mcpscope: the recording ${recorder.path} is incomplete: ${recorder.error.message}`,
      );
  }
}

function redactPatterns(flags: OneShotFlags): RegExp[] {
  if (!Array.isArray(flags.redact)) return [];
  if (flags.record === undefined)
    throw new UsageError('--redact applies to the recording: add --record FILE, or drop --redact');
  const parsed = parseRedactPatterns(flags.redact);
  if (!parsed.ok) throw new UsageError(parsed.message);
  return parsed.patterns;
}

async function execute(
  session: Session,
  plan: Plan,
  flags: OneShotFlags,
  format: 'json' | 'text',
  signal: AbortSignal,
  io: CliIo,
): Promise<ExitCodeValue> {
  const connected = await session.connect();
  if (!connected.ok) return fail(io, connected, session);
  if (plan.method === 'initialize') {
    io.stdout(JSON.stringify(connected.handshake, null, 2));
    return reportDiagnostics(session, flags, io, ExitCode.OK);
  }

  let params = plan.params;
  let knownTools: string[] | undefined;
  let taskSupport: unknown;
  if (plan.method === 'tools/call') {
    // Listing first gives the inputSchema (to type --tool-arg values and check them) and the
    // outputSchema (to check structuredContent), which is worth one round trip.
    const listed = await session.listAll('tools/list', {}, { signal });
    const tools = listed.ok
      ? ((listed.result as { tools?: { name: string; inputSchema?: unknown }[] }).tools ?? [])
      : [];
    knownTools = tools.map((t) => t.name);
    const tool = tools.find((t) => t.name === params?.['name']);
    params = { ...params, arguments: toolArguments(flags, tool?.inputSchema) };
    taskSupport = (tool as { execution?: { taskSupport?: unknown } } | undefined)?.execution
      ?.taskSupport;
    if (flags.task === true && taskSupport !== 'optional' && taskSupport !== 'required') {
      io.stderr(
        `mcpscope: tool "${String(params['name'])}" does not support tasks (execution.taskSupport is ${taskSupport === undefined ? 'absent, i.e. forbidden' : JSON.stringify(taskSupport)}): run it without --task`,
      );
      return ExitCode.USAGE;
    }
  }
  const asTask =
    plan.method === 'tools/call' && (flags.task === true || taskSupport === 'required');
  const outcome: RequestOutcome = asTask
    ? await runAsTask(session, plan.method, params, {
        signal,
        wait: flags.wait !== false,
        onStatus: (task) =>
          io.stderr(
            `mcpscope: task ${task.taskId}: ${task.status}${task.statusMessage !== undefined ? ` — ${task.statusMessage}` : ''}`,
          ),
      })
    : plan.listAll
      ? await session.listAll(plan.method, params, { signal })
      : await session.request(plan.method, params, { signal });
  if (!outcome.ok) {
    const code = fail(io, outcome, session);
    if (
      knownTools !== undefined &&
      outcome.code === 'RPC_ERROR' &&
      !knownTools.includes(String(params?.['name']))
    ) {
      io.stderr(
        `mcpscope: the server lists no tool "${String(params?.['name'])}"; it has: ${knownTools.join(', ') || 'none'}`,
      );
    }
    return code;
  }
  io.stdout(
    format === 'text'
      ? asText(plan.method, outcome.result)
      : JSON.stringify(outcome.result, null, 2),
  );
  const isError =
    plan.method === 'tools/call' && (outcome.result as { isError?: unknown })?.isError === true;
  if (isError) {
    io.stderr(`mcpscope: tool "${String(params?.['name'])}" returned isError: true`);
    if (knownTools !== undefined && !knownTools.includes(String(params?.['name']))) {
      io.stderr(
        `mcpscope: the server lists no tool "${String(params?.['name'])}"; it has: ${knownTools.join(', ') || 'none'}`,
      );
    }
  }
  return reportDiagnostics(session, flags, io, isError ? ExitCode.TOOL_ERROR : ExitCode.OK);
}

function fail(
  io: CliIo,
  failure: Extract<RequestOutcome, { ok: false }>,
  session: Session,
): ExitCodeValue {
  const named = namedCause(failure, session);
  io.stderr(`mcpscope: ${named ?? failure.message}${hintFor(failure, session)}`);
  if (failure.error?.data !== undefined)
    io.stderr(`mcpscope: error data: ${session.redact(JSON.stringify(failure.error.data))}`);
  return exitCodeFor(failure.code);
}

/**
 * The 2026-07-28 errors (-32020, -32021, -32022) read as their cause and the next step,
 * keeping the "METHOD failed" prefix so the line still says which request it was.
 */
function namedCause(failure: RequestFailure, session: Session): string | undefined {
  if (failure.code !== 'RPC_ERROR' || failure.error === undefined) return undefined;
  const data = failure.error.data as { requested?: unknown } | undefined;
  const requested = typeof data?.requested === 'string' ? data.requested : undefined;
  const sentVersion = requested ?? session.handshake?.agreed.protocolVersion;
  const described = describeModernError(failure.error, {
    ...(sentVersion !== undefined && { sentVersion }),
  });
  if (described === undefined) return undefined;
  const method = /^(\S+) failed with JSON-RPC error/.exec(failure.message)?.[1];
  return method === undefined ? described : `${method} failed: ${described}`;
}

type HandshakeBound = '--timeout' | '--connect-timeout' | undefined;

/** Which option bounded each session's handshake, for the message when it runs out. */
const handshakeBounds = new WeakMap<Session, HandshakeBound>();

function hintFor(failure: Extract<RequestOutcome, { ok: false }>, session: Session): string {
  switch (failure.code) {
    case 'TIMEOUT':
      if (session.handshake === undefined) {
        const handshakeBound = handshakeBounds.get(session);
        return handshakeBound === '--timeout'
          ? ' (--timeout bounds the handshake too: raise it, or give --connect-timeout for the start alone; --verbose shows what the server did)'
          : handshakeBound === '--connect-timeout'
            ? ' (raise --connect-timeout, or run with --verbose to see what the server did)'
            : ' (the handshake may take 30000 ms unless --connect-timeout says otherwise; --verbose shows what the server did)';
      }
      return ' (raise --timeout, or run with --verbose to see what the server did)';
    case 'CONNECTION_CLOSED':
    case 'HANDSHAKE_FAILED':
      return session.effectiveConfig.transport === 'stdio'
        ? ' (run with --verbose to see its stdout and stderr)'
        : ' (run with --verbose to see the HTTP exchange)';
    default:
      return '';
  }
}

/** Prints each warning of the OAuth flow once (an issuer mismatch the flow went past). */
function oauthWarningPrinter(io: CliIo): (flow: OAuthFlow) => void {
  const printed = new Set<string>();
  return (flow) => {
    for (const step of flow.steps)
      for (const warning of step.warnings ?? []) {
        const line = `mcpscope: warning: OAuth ${step.name}: ${warning}`;
        if (printed.has(line)) continue;
        printed.add(line);
        io.stderr(line);
      }
  };
}

/** Prints what the server got wrong; with --strict, that fails the run. */
function reportDiagnostics(
  session: Session,
  flags: OneShotFlags,
  io: CliIo,
  code: ExitCodeValue,
): ExitCodeValue {
  if (flags.verbose === true) return strictCode(session, flags, code);
  const problems = serverProblems(session.log.entries());
  for (const { entry, issue } of problems.slice(0, 10)) {
    io.stderr(
      session.redact(
        `mcpscope: warning: ${issue.code}: ${issue.message}${entry.raw !== undefined ? `: ${JSON.stringify(entry.raw.slice(0, 200))}` : ''}`,
      ),
    );
  }
  if (problems.length > 10)
    io.stderr(`mcpscope: … and ${problems.length - 10} more (see --verbose)`);
  return strictCode(session, flags, code);
}

function strictCode(session: Session, flags: OneShotFlags, code: ExitCodeValue): ExitCodeValue {
  if (
    flags.strict === true &&
    code === ExitCode.OK &&
    serverProblems(session.log.entries()).length > 0
  )
    return ExitCode.PROTOCOL_VIOLATION;
  return code;
}

function serverProblems(entries: TrafficEntry[]): { entry: TrafficEntry; issue: Diagnostic }[] {
  const out: { entry: TrafficEntry; issue: Diagnostic }[] = [];
  for (const entry of entries) {
    if (entry.dir !== 's2c') continue;
    for (const issue of entry.issues ?? [])
      if (issue.severity === 'error') out.push({ entry, issue });
  }
  return out;
}

/** `--format text`: what a person wants to read, not the JSON. */
function asText(method: string, result: unknown): string {
  const r = (result ?? {}) as Record<string, unknown>;
  const list = (key: string, label: (item: Record<string, unknown>) => string): string =>
    ((r[key] as Record<string, unknown>[] | undefined) ?? []).map(label).join('\n');
  const described = (item: Record<string, unknown>, name: unknown): string =>
    `${String(name)}${typeof item['description'] === 'string' ? ` — ${item['description'].split('\n')[0]}` : ''}`;
  switch (method) {
    case 'tools/list':
      return list('tools', (t) => described(t, t['name']));
    case 'prompts/list':
      return list('prompts', (p) => described(p, p['name']));
    case 'resources/list':
      return list('resources', (x) => described(x, x['uri']));
    case 'resources/templates/list':
      return list('resourceTemplates', (x) => described(x, x['uriTemplate']));
    case 'tools/call': {
      const parts = ((r['content'] as Record<string, unknown>[] | undefined) ?? []).map(
        contentText,
      );
      if (r['structuredContent'] !== undefined)
        parts.push(JSON.stringify(r['structuredContent'], null, 2));
      return parts.join('\n');
    }
    case 'resources/read':
      return ((r['contents'] as Record<string, unknown>[] | undefined) ?? [])
        .map((c) =>
          typeof c['text'] === 'string'
            ? c['text']
            : `[${str(c['mimeType'], 'binary')} ${String(c['uri'])}, ${str(c['blob']).length} base64 chars]`,
        )
        .join('\n');
    case 'prompts/get':
      return ((r['messages'] as Record<string, unknown>[] | undefined) ?? [])
        .map(
          (m) =>
            `${String(m['role'])}: ${contentText((m['content'] ?? {}) as Record<string, unknown>)}`,
        )
        .join('\n');
    default:
      return JSON.stringify(result, null, 2);
  }
}

function contentText(c: Record<string, unknown>): string {
  switch (c['type']) {
    case 'text':
      return String(c['text']);
    case 'image':
    case 'audio':
      return `[${String(c['type'])} ${String(c['mimeType'])}, ${str(c['data']).length} base64 chars]`;
    case 'resource_link':
      return `[resource link ${String(c['uri'])}]`;
    case 'resource':
      return `[embedded resource ${String((c['resource'] as Record<string, unknown> | undefined)?.['uri'])}]`;
    default:
      return JSON.stringify(c);
  }
}

function str(value: unknown, fallback = ''): string {
  return typeof value === 'string' ? value : fallback;
}
