import {
  existsSync,
  readFileSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { Command, Option } from 'commander';
import { ExitCode, type ExitCodeValue } from '../common/exit-codes.js';
import type { CliIo } from '../common/io.js';
import { parseOrExit, reportUsageErrors } from '../common/subcommand.js';
import { UsageError } from '../common/usage-error.js';
import { planInstall, planUninstall, type ShimCommand, type TapState } from './config-edit.js';
import { defaultConfigLocation, HOST_CLIENTS, type HostClient } from './host-configs.js';
import { unifiedDiff } from './unified-diff.js';

interface InstallFlags {
  client?: HostClient;
  config?: string;
  dryRun?: boolean;
  shim?: string;
}

const HELP = `
install rewrites the named stdio entries (all of them when none is named) of the host's config
so that the host starts "mcpscope tap --name NAME -- <the server as before>". The file is backed
up first (FILE.mcpscope-backup), written atomically, and only the "command" and "args" values
change: comments and formatting stay (VS Code's JSONC too). uninstall restores the entries
exactly; when the file was not edited in between, byte for byte. Restart the host to apply.

Config files (the default of each --client; --config PATH for any other):
  claude-desktop   claude_desktop_config.json (macOS: ~/Library/Application Support/Claude,
                   Windows: %APPDATA%\\Claude, Linux: ~/.config/Claude)
  cursor           ~/.cursor/mcp.json
  vscode           .vscode/mcp.json in the current directory ("servers")
  claude-code      .mcp.json in the current directory

Examples:
  mcpscope tap install --client claude-desktop memory filesystem
  mcpscope tap install --client vscode --dry-run
  mcpscope tap uninstall --client claude-desktop`;

function program(verb: 'install' | 'uninstall', io: CliIo): Command {
  const command = new Command(`mcpscope tap ${verb}`)
    .description(
      verb === 'install'
        ? "Make a host's servers run through mcpscope tap."
        : 'Restore the entries mcpscope tap install changed.',
    )
    .argument('[servers...]', 'entry names (default: every entry install can or did change)')
    .addOption(new Option('--client <host>', 'which host').choices([...HOST_CLIENTS]))
    .option('--config <path>', "the host's config file (instead of the --client default)")
    .option('--dry-run', 'print the change as a diff and write nothing');
  if (verb === 'install')
    command.option(
      '--shim <path>',
      'the mcpscope the host should start (default: this one, by absolute path)',
    );
  return command
    .addHelpText('after', HELP)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout(s.trimEnd()),
      writeErr: (s) => io.stderr(s.trimEnd()),
    });
}

/** `mcpscope tap install|uninstall …`. */
export async function runInstallCommand(
  verb: 'install' | 'uninstall',
  argv: readonly string[],
  io: CliIo,
): Promise<ExitCodeValue> {
  const command = program(verb, io);
  const stop = parseOrExit(command, argv);
  if (stop !== undefined) return stop;
  const flags = command.opts<InstallFlags>();
  const names = command.args;
  // Synchronous file work; run inside a promise so that its usage errors are reported the same way.
  return reportUsageErrors(`tap ${verb}`, io, () =>
    Promise.resolve().then((): ExitCodeValue => {
      const { path, key } = locate(flags);
      const text = readConfig(path, flags);
      const statePath = `${path}.mcpscope-tap.json`;
      const state = readState(statePath);
      if (verb === 'install') {
        const plan = planInstall(text, key, names, shimCommand(flags.shim));
        for (const { name, why } of plan.skipped)
          io.stderr(`mcpscope tap install: skipped ${name}: ${why}`);
        if (plan.tapped.length === 0) {
          io.stdout(`nothing to change in ${path}`);
          return ExitCode.OK;
        }
        if (flags.dryRun === true) {
          io.stdout(unifiedDiff(text, plan.text, path));
          return ExitCode.OK;
        }
        // The backup comes first, and only once: it is the file before the first install.
        if (state === undefined) writeAtomically(`${path}.mcpscope-backup`, text, path);
        const next: TapState = {
          version: 1,
          original: state?.original ?? text,
          installed: plan.text,
          entries: { ...state?.entries, ...plan.entries },
        };
        writeAtomically(statePath, JSON.stringify(next, null, 2) + '\n', path, 0o600);
        writeAtomically(path, plan.text, path);
        io.stdout(
          `${plan.tapped.join(', ')} now run${plan.tapped.length === 1 ? 's' : ''} through mcpscope tap (${path}; backup ${path}.mcpscope-backup). Restart the host to apply; undo with mcpscope tap uninstall.`,
        );
        return ExitCode.OK;
      }
      if (state === undefined)
        throw new UsageError(
          `mcpscope tap install has not changed ${path} (no ${basename(statePath)} beside it): nothing to undo`,
        );
      const plan = planUninstall(text, key, state, names);
      if (flags.dryRun === true) {
        io.stdout(unifiedDiff(text, plan.text, path));
        return ExitCode.OK;
      }
      writeAtomically(path, plan.text, path);
      if (Object.keys(plan.left).length === 0) {
        unlinkSync(statePath);
        try {
          unlinkSync(`${path}.mcpscope-backup`);
        } catch {
          // Removed by hand already.
        }
      } else {
        writeAtomically(
          statePath,
          JSON.stringify({ ...state, installed: plan.text, entries: plan.left }, null, 2) + '\n',
          path,
          0o600,
        );
      }
      io.stdout(
        plan.exact
          ? `restored ${path} exactly as it was`
          : `restored ${plan.restored.join(', ') || 'nothing'} in ${path} (the file changed since install: your other edits stay)`,
      );
      return ExitCode.OK;
    }),
  );
}

function locate(flags: InstallFlags): { path: string; key: 'mcpServers' | 'servers' } {
  if (flags.config !== undefined) {
    // The key follows the host when named, else the file: VS Code's has "servers".
    const key =
      flags.client === 'vscode' ||
      (flags.client === undefined &&
        /"servers"\s*:/.test(safeRead(flags.config) ?? '') &&
        !/"mcpServers"\s*:/.test(safeRead(flags.config) ?? ''))
        ? 'servers'
        : 'mcpServers';
    return { path: realOrSame(flags.config), key };
  }
  if (flags.client === undefined)
    throw new UsageError(
      `name the host with --client (${HOST_CLIENTS.join(', ')}) or give --config PATH`,
    );
  const location = defaultConfigLocation(flags.client);
  return { ...location, path: realOrSame(location.path) };
}

function readConfig(path: string, flags: InstallFlags): string {
  const text = safeRead(path);
  if (text === undefined)
    throw new UsageError(
      `no config file at ${path}${flags.client !== undefined && flags.config === undefined ? ` (is ${flags.client} set up here? pass --config PATH otherwise)` : ''}`,
    );
  return text;
}

function readState(path: string): TapState | undefined {
  const text = safeRead(path);
  if (text === undefined) return undefined;
  try {
    const state = JSON.parse(text) as TapState;
    if (state.version === 1 && typeof state.original === 'string') return state;
  } catch {
    // Falls through to the error below.
  }
  throw new UsageError(
    `${path} is not readable state of mcpscope tap install: restore from ${path.replace(/\.mcpscope-tap\.json$/, '.mcpscope-backup')} by hand`,
  );
}

/** This mcpscope by absolute path, as a host with a minimal PATH must start it. */
function shimCommand(shim: string | undefined): ShimCommand {
  const bin = shim ?? process.argv[1];
  if (bin === undefined)
    throw new UsageError('cannot tell where this mcpscope is: pass --shim PATH');
  const path = realOrSame(bin);
  return /\.[cm]?js$/.test(path)
    ? { command: process.execPath, prefix: [path] }
    : { command: path, prefix: [] };
}

/** Writes next to the target and renames over it, so a crash never leaves half a file. */
function writeAtomically(path: string, text: string, modeOf: string, mode?: number): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  writeFileSync(tmp, text, {
    mode: mode ?? (existsSync(modeOf) ? statSync(modeOf).mode & 0o777 : 0o600),
  });
  renameSync(tmp, path);
}

function safeRead(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function realOrSame(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}
