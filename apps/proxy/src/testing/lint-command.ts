import { writeFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { describeTarget } from '@mcpscope/protocol';
import { Command, Option } from 'commander';
import { splitArgv } from '../common/argv.js';
import { ExitCode, type ExitCodeValue } from '../common/exit-codes.js';
import type { CliIo } from '../common/io.js';
import { parseOrExit, reportUsageErrors } from '../common/subcommand.js';
import { resolveTarget, type TargetFlags } from '../common/target.js';
import { UsageError } from '../common/usage-error.js';
import type { ServerRequestPolicy } from '@mcpscope/engine/session/policy';
import { Session } from '@mcpscope/engine/session/session';
import { CLIENT_INFO } from '../version.js';
import {
  definitionBytes,
  definitionName,
  lintSurface,
  RULES,
  type DefinitionKind,
  type Finding,
  type LintSurface,
  type Severity,
} from './lint.js';
import { lintExitCode, type LintReport } from './lint-report.js';
import { roundMs } from './report.js';
import { colorsFor } from '../common/colors.js';
import { lintReportToHuman } from './reporters/lint-human.js';
import { lintReportToJUnit } from './reporters/lint-junit.js';
import { SURFACE_KINDS } from './snapshot.js';
import { appResourceFacts, toolAppUri, type AppResourceFacts } from './lint-apps.js';

interface LintFlags extends TargetFlags {
  reporter: 'human' | 'json' | 'junit';
  output?: string;
  failOn: Severity;
  maxBytes: string;
  capabilities: string;
  timeout?: string;
  connectTimeout?: string;
  color?: boolean;
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

function program(io: CliIo): Command {
  const rules = Object.entries(RULES)
    .map(([id, rule]) => `  ${rule.severity.padEnd(8)} ${id.padEnd(28)} ${rule.description}`)
    .join('\n');
  return new Command('mcpscope lint')
    .description("Check a server's tool, prompt, resource and template definitions.")
    .usage('[options] <command [args…] | url>')
    .argument('[target...]', 'a URL, or the command that starts a stdio server and its arguments')
    .addOption(
      new Option('--reporter <name>', 'human, json or junit')
        .choices(['human', 'json', 'junit'])
        .default('human'),
    )
    .option('--output <file>', 'write the report to FILE (the human report then goes to stdout)')
    .addOption(
      new Option('--fail-on <severity>', 'the lowest severity that fails the run (exit 1)')
        .choices(['error', 'warning', 'info'])
        .default('error'),
    )
    .option(
      '--max-bytes <n>',
      'size of a definition, in bytes of JSON, above which it is large',
      '4096',
    )
    .option(
      '--capabilities <list>',
      'client capabilities to declare, so that tools offered only to such clients are linted too (comma-separated, or none)',
      'sampling,elicitation,roots',
    )
    .addOption(
      new Option(
        '--transport <kind>',
        'stdio, sse or http (default: inferred from the target)',
      ).choices(['stdio', 'sse', 'http', 'streamable-http']),
    )
    .option('--server-url <url>', 'the server URL (instead of a positional target)')
    .option('--header <"Name: value">', 'an HTTP header (repeatable)', collect)
    .option(
      '-e, --env <KEY=value>',
      'an environment variable for a stdio server (repeatable)',
      collect,
    )
    .option('--cwd <dir>', 'working directory of a stdio server')
    .option('--config <file>', 'read the server from an mcpServers or VS Code config file')
    .option('--server <name>', 'which server of --config')
    .option('--timeout <ms>', 'time allowed for each list request', '30000')
    .option('--connect-timeout <ms>', 'time allowed to start the server and finish the handshake')
    .option('--color', 'force colours')
    .option('--no-color', 'no colours, even on a terminal')
    .addHelpText(
      'after',
      `\nRules:\n${rules}\n\nExit codes: 0 nothing at --fail-on or above, 1 findings that fail the run, 2 usage error, 3 server not reachable.`,
    )
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout(s.trimEnd()),
      writeErr: (s) => io.stderr(s.trimEnd()),
    });
}

/** `mcpscope lint`. Returns the exit code. */
export async function runLintCommand(argv: readonly string[], io: CliIo): Promise<ExitCodeValue> {
  const command = program(io);
  const { own, target } = splitArgv(argv, command.options);
  const parsed = parseOrExit(command, [...own, '--', ...target]);
  if (parsed !== undefined) return parsed;
  return reportUsageErrors('lint', io, () => run(command.args, command.opts<LintFlags>(), io));
}

function positiveNumber(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0)
    throw new UsageError(`${flag} must be a positive number, got "${text}"`);
  return n;
}

function policyFor(list: string): ServerRequestPolicy {
  const kinds =
    list === 'none'
      ? []
      : list
          .split(',')
          .map((k) => k.trim())
          .filter((k) => k !== '');
  const policy: ServerRequestPolicy = {};
  const refuse = (what: string) => () =>
    Promise.resolve({ error: { code: -32603, message: `mcpscope lint does not answer ${what}` } });
  for (const kind of kinds) {
    if (kind === 'sampling') policy.sampling = refuse('sampling');
    else if (kind === 'elicitation')
      policy.elicitation = {
        modes: ['form', 'url'],
        answer: () => Promise.resolve({ result: { action: 'decline' } }),
      };
    else if (kind === 'roots') policy.roots = () => Promise.resolve({ result: { roots: [] } });
    else
      throw new UsageError(
        `--capabilities takes sampling, elicitation, roots or none, got "${kind}"`,
      );
  }
  return policy;
}

async function run(
  positional: readonly string[],
  flags: LintFlags,
  io: CliIo,
): Promise<ExitCodeValue> {
  const maxBytes = positiveNumber(flags.maxBytes, '--max-bytes')!;
  const timeoutMs = positiveNumber(flags.timeout, '--timeout');
  const connectTimeoutMs = positiveNumber(flags.connectTimeout, '--connect-timeout');
  const policy = policyFor(flags.capabilities);
  const config = await resolveTarget(positional, flags);
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const session = new Session(config, {
    policy,
    clientInfo: CLIENT_INFO,
    exitGraceMs: 20,
    ...(timeoutMs !== undefined && { timeoutMs }),
    ...(connectTimeoutMs !== undefined && { connectTimeoutMs }),
  });
  const base = {
    format: 'mcpscope-lint-report' as const,
    version: 1 as const,
    target: describeTarget(config),
    startedAt,
    failOn: flags.failOn,
    surface: { tools: 0, prompts: 0, resources: 0, templates: 0, toolBytes: 0 },
    summary: { errors: 0, warnings: 0, infos: 0 },
    definitions: [],
    serverFindings: [],
  };
  let body: Omit<LintReport, 'exitCode' | 'durationMs'>;
  try {
    const connected = await session.connect();
    if (!connected.ok) {
      body = {
        ...base,
        error: `cannot start or reach the server (${connected.code}): ${connected.message}`,
      };
    } else {
      const agreed = connected.handshake.agreed;
      const { surface, serverFindings } = await fetchSurface(session, agreed.capabilities);
      body = {
        ...base,
        ...buildReport(surface, serverFindings, maxBytes),
        server: {
          // The server's own words, whatever their type: the handshake classifies, never rejects.
          name: textOf(agreed.serverInfo['name']),
          version: textOf(agreed.serverInfo['version']),
          protocolVersion: agreed.protocolVersion,
        },
      };
    }
  } finally {
    await session.close();
  }
  const partial = { ...body, durationMs: roundMs(performance.now() - started) };
  const report: LintReport = { ...partial, exitCode: lintExitCode(partial) };
  const colors = colorsFor(flags.color, process.stdout.isTTY === true);
  const machine =
    flags.reporter === 'json'
      ? JSON.stringify(report, null, 2) + '\n'
      : flags.reporter === 'junit'
        ? lintReportToJUnit(report)
        : undefined;
  if (machine === undefined || flags.output !== undefined) {
    for (const line of lintReportToHuman(report, colors)) io.stdout(line);
  } else {
    io.stdout(machine.trimEnd());
  }
  if (report.error !== undefined && machine !== undefined && flags.output === undefined)
    io.stderr(`mcpscope lint: ${report.error}`);
  if (flags.output !== undefined) {
    const text = machine ?? lintReportToHuman(report, colorsFor(false, false)).join('\n') + '\n';
    try {
      await writeFile(flags.output, text);
    } catch (error) {
      io.stderr(
        `mcpscope lint: cannot write --output ${flags.output}: ${(error as Error).message}`,
      );
      return report.exitCode === ExitCode.CONNECTION ? report.exitCode : ExitCode.USAGE;
    }
  }
  return report.exitCode;
}

async function fetchSurface(
  session: Session,
  capabilities: Record<string, unknown>,
): Promise<{ surface: LintSurface; serverFindings: Finding[] }> {
  const surface: LintSurface = { tools: [], prompts: [], resources: [], templates: [] };
  const serverFindings: Finding[] = [];
  for (const kind of ['tools', 'prompts', 'resources', 'templates'] as const) {
    const { method, key, capability } = SURFACE_KINDS[kind];
    if (capabilities[capability] === undefined) continue;
    const listed = await session.listAll(method);
    if (!listed.ok) {
      serverFindings.push({
        rule: 'list-failed',
        severity: RULES['list-failed'].severity,
        kind: 'server',
        name: method,
        message: `the server declares "${capability}" but ${method} failed: ${listed.message}`,
      });
      continue;
    }
    const items = (listed.result as Record<string, unknown>)[key];
    surface[kind] = Array.isArray(items) ? (items as Record<string, unknown>[]) : [];
  }
  surface.appResources = await readAppResources(session, surface.tools);
  return { surface, serverFindings };
}

/** Reads every `ui://` resource a tool names for its app, once each, as a host would. */
async function readAppResources(
  session: Session,
  tools: Record<string, unknown>[],
): Promise<Record<string, AppResourceFacts>> {
  const facts: Record<string, AppResourceFacts> = {};
  for (const tool of tools) {
    const uri = toolAppUri(tool);
    if (uri === undefined || !uri.startsWith('ui://') || facts[uri] !== undefined) continue;
    const read = await session.request('resources/read', { uri });
    facts[uri] = read.ok
      ? appResourceFacts(uri, read.result)
      : { ok: false, message: read.message };
  }
  return facts;
}

const KIND_OF: Record<Exclude<keyof LintSurface, 'appResources'>, DefinitionKind> = {
  tools: 'tool',
  prompts: 'prompt',
  resources: 'resource',
  templates: 'template',
};

function buildReport(
  surface: LintSurface,
  serverFindings: Finding[],
  maxBytes: number,
): Pick<LintReport, 'surface' | 'summary' | 'definitions' | 'serverFindings'> {
  const findings = lintSurface(surface, { maxBytes });
  const definitions = (Object.keys(KIND_OF) as (keyof typeof KIND_OF)[]).flatMap((group) =>
    surface[group].map((item) => {
      const kind = KIND_OF[group];
      const name = definitionName(kind, item);
      return { kind, name, bytes: definitionBytes(item), findings: [] as Finding[] };
    }),
  );
  for (const finding of findings) {
    const definition = definitions.find((d) => d.kind === finding.kind && d.name === finding.name);
    if (definition !== undefined) definition.findings.push(finding);
    else serverFindings.push(finding);
  }
  const all = [...serverFindings, ...findings];
  return {
    surface: {
      tools: surface.tools.length,
      prompts: surface.prompts.length,
      resources: surface.resources.length,
      templates: surface.templates.length,
      toolBytes: definitionBytes(surface.tools),
    },
    summary: {
      errors: all.filter((f) => f.severity === 'error').length,
      warnings: all.filter((f) => f.severity === 'warning').length,
      infos: all.filter((f) => f.severity === 'info').length,
    },
    definitions,
    serverFindings,
  };
}

/** A string field of the server's own JSON, or '' when it sent something else. */
function textOf(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
