import { writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Command, Option } from 'commander';
import { ExitCode, type ExitCodeValue } from '../common/exit-codes.js';
import type { CliIo } from '../common/io.js';
import { parseOrExit, reportUsageErrors } from '../common/subcommand.js';
import { UsageError } from '../common/usage-error.js';
import { exitCodeOf, roundMs, summarize, type RunReport } from './report.js';
import { colorsFor } from '../common/colors.js';
import { HumanReporter } from './reporters/human.js';
import { testReportToJson } from './reporters/json.js';
import { testReportToJUnit } from './reporters/junit.js';
import { prepareSpec, runSpecFiles, type PreparedSpec } from './runner.js';
import { collectSpecFiles } from './spec-files.js';
import { formatSpecError, loadSpec, type SpecError } from './spec-loader.js';
import { DurationSchema } from './spec-schema.js';

interface TestFlags {
  reporter: 'human' | 'json' | 'junit';
  output?: string;
  updateSnapshots?: boolean;
  ci?: boolean;
  timeout?: string;
  filter?: string;
  jobs?: string;
  verbose?: boolean;
  color?: boolean;
}

const HELP = `
Spec files are YAML or JSON (format: docs/testing.md, JSON Schema: docs/testing.schema.json).
A directory stands for the .yaml/.yml files under it. Spec files run in parallel; the tests
of one file run in order, against servers the file starts.

Examples:
  mcpscope test examples/everything.yaml
  mcpscope test specs/ --reporter junit --output junit.xml
  mcpscope test specs/ --update-snapshots

Exit codes:
  0    every test passed
  1    a test failed (an expectation did not hold, a tool returned isError, the server crashed)
  2    a spec or usage error (file:line:column and what is wrong); nothing was run
  3    a server could not be started or reached
  (the exit codes of one-shot calls: mcpscope --help)`;

function program(io: CliIo): Command {
  return new Command('mcpscope test')
    .description('Run declarative assertion specs against MCP servers, for CI.')
    .usage('[options] <spec files or directories…>')
    .argument('[files...]', 'spec files (.yaml, .yml, .json) or directories')
    .addOption(
      new Option('--reporter <name>', 'human (progress and colours on a terminal), json or junit')
        .choices(['human', 'json', 'junit'])
        .default('human'),
    )
    .option(
      '--output <file>',
      'write the report to FILE (the human report then still goes to stdout)',
    )
    .option('-u, --update-snapshots', "write the servers' current surface into the snapshots")
    .option(
      '--ci',
      'fail on a missing snapshot instead of writing it (default when the CI variable is set)',
    )
    .option('--no-ci', 'write missing snapshots even when CI is set')
    .option('--timeout <duration>', 'default step timeout, e.g. 10s (default 30s)')
    .option('--filter <text>', 'run only tests whose name contains TEXT (case-insensitive)')
    .option('-j, --jobs <n>', 'spec files run at the same time (default: CPU count, at least 2)')
    .option('--verbose', 'print every message exchanged with the servers on stderr')
    .option('--color', 'force colours')
    .option('--no-color', 'no colours, even on a terminal')
    .addHelpText('after', HELP)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout(s.trimEnd()),
      writeErr: (s) => io.stderr(s.trimEnd()),
    });
}

/** `mcpscope test`. Returns the exit code. */
export async function runTestCommand(argv: readonly string[], io: CliIo): Promise<ExitCodeValue> {
  const command = program(io);
  const parsed = parseOrExit(command, argv);
  if (parsed !== undefined) return parsed;
  return reportUsageErrors('test', io, () => run(command.args, command.opts<TestFlags>(), io));
}

function parseFlags(flags: TestFlags): { timeoutMs?: number; jobs: number } {
  let timeoutMs: number | undefined;
  if (flags.timeout !== undefined) {
    const parsed = DurationSchema.safeParse(
      /^\d+(\.\d+)?$/.test(flags.timeout) ? Number(flags.timeout) : flags.timeout,
    );
    if (!parsed.success)
      throw new UsageError(
        `--timeout expects a duration such as 500ms, 10s or 1m, got "${flags.timeout}"`,
      );
    timeoutMs = parsed.data;
  }
  let jobs = Math.max(2, availableParallelism());
  if (flags.jobs !== undefined) {
    jobs = Number(flags.jobs);
    if (!Number.isInteger(jobs) || jobs < 1)
      throw new UsageError(`--jobs expects a whole number of at least 1, got "${flags.jobs}"`);
  }
  return { ...(timeoutMs !== undefined && { timeoutMs }), jobs };
}

async function run(args: readonly string[], flags: TestFlags, io: CliIo): Promise<ExitCodeValue> {
  if (args.length === 0)
    throw new UsageError('no spec files given, e.g. mcpscope test examples/everything.yaml');
  const { timeoutMs, jobs } = parseFlags(flags);
  const files = await collectSpecFiles(args);
  const started = performance.now();
  const startedAt = new Date().toISOString();

  const humanOnStdout = flags.reporter === 'human' || flags.output !== undefined;
  const colors = colorsFor(flags.color, process.stdout.isTTY === true);
  const human = humanOnStdout ? new HumanReporter(io.stdout, colors) : undefined;

  const specErrors: SpecError[] = [];
  const prepared: PreparedSpec[] = [];
  const loaded = await Promise.all(files.map((file) => loadSpec(file)));
  for (const result of loaded) {
    if (!result.ok) {
      specErrors.push(...result.errors);
      continue;
    }
    const ready = await prepareSpec(result.spec);
    if (ready.ok) prepared.push(ready.prepared);
    else specErrors.push(...ready.errors);
  }

  let report: RunReport;
  if (specErrors.length > 0) {
    // On stderr whatever the reporter, so that a CI log shows why nothing ran.
    for (const error of specErrors) io.stderr(formatSpecError(error));
    io.stderr(
      `mcpscope test: ${specErrors.length} spec error${specErrors.length === 1 ? '' : 's'}; nothing was run`,
    );
    report = finish([], specErrors, started, startedAt);
  } else {
    human?.start(prepared.length, jobs);
    const reports = await runSpecFiles(prepared, {
      jobs,
      updateSnapshots: flags.updateSnapshots === true,
      ci: flags.ci ?? isCi(process.env),
      timeoutMs,
      filter: flags.filter,
      trace: flags.verbose === true ? (line) => io.stderr(line) : undefined,
      onTestEnd: (file, test) => human?.testEnd(file.file, test),
    });
    report = finish(reports, [], started, startedAt);
    if (flags.filter !== undefined && report.summary.tests === 0)
      io.stderr(`mcpscope test: no test name contains "${flags.filter}"`);
    human?.finish(report);
  }
  const written = await emit(report, flags, io);
  // A pipeline must not go green on a report it asked for and did not get.
  return written || report.exitCode === ExitCode.CONNECTION ? report.exitCode : ExitCode.USAGE;
}

function finish(
  files: RunReport['files'],
  specErrors: SpecError[],
  started: number,
  startedAt: string,
): RunReport {
  return {
    format: 'mcpscope-test-report',
    version: 1,
    startedAt,
    durationMs: roundMs(performance.now() - started),
    exitCode: exitCodeOf(files, specErrors),
    summary: summarize(files),
    specErrors,
    files,
  };
}

async function emit(report: RunReport, flags: TestFlags, io: CliIo): Promise<boolean> {
  let text: string | undefined;
  if (flags.reporter === 'json') text = testReportToJson(report);
  else if (flags.reporter === 'junit') text = testReportToJUnit(report);
  if (flags.output === undefined) {
    if (text !== undefined) io.stdout(text.trimEnd());
    return true;
  }
  if (text === undefined) {
    // --reporter human --output FILE: the same report, without colours, in the file.
    const lines: string[] = [];
    const plain = new HumanReporter((line) => lines.push(line), colorsFor(false, false));
    if (report.specErrors.length > 0) plain.specErrors(report.specErrors);
    else {
      for (const file of report.files)
        for (const test of file.tests) plain.testEnd(file.file, test);
      plain.finish(report);
    }
    text = lines.join('\n') + '\n';
  }
  try {
    await writeFile(flags.output, text);
    return true;
  } catch (error) {
    io.stderr(`mcpscope test: cannot write --output ${flags.output}: ${(error as Error).message}`);
    return false;
  }
}

/** Whether we run in CI, by the variable every major CI service sets. */
function isCi(env: Record<string, string | undefined>): boolean {
  const value = env['CI'];
  return value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';
}
