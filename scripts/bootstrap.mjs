#!/usr/bin/env node
// The one entry point a newcomer needs: `npm start` and `npm test` both land here.
//
//   node scripts/bootstrap.mjs start [args...]  install if needed, build, run `mcpscope ui [args...]`
//   node scripts/bootstrap.mjs test             install if needed, build, then every check CI runs
//   node scripts/bootstrap.mjs build            install if needed, build
//
// Plain Node ESM with no dependencies: it has to run on a machine that has only Node and npm.

import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  accessSync,
  constants,
  existsSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { delimiter, dirname, isAbsolute, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const IS_WINDOWS = process.platform === 'win32';
const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const PNPM_VERSION = '10.34.9';
const TOOLS_DIR = join(ROOT, '.tools');
const LOCAL_PNPM = join(TOOLS_DIR, 'node_modules', '.bin', IS_WINDOWS ? 'pnpm.cmd' : 'pnpm');
const STAMP = join(ROOT, 'node_modules', '.mcpscope-install-stamp');
const PROXY_BIN = join(ROOT, 'apps', 'proxy', 'dist', 'bin.js');
const DEFAULT_CHROMIUM = '/usr/bin/chromium';

// turbo phones home and checks for updates; neither is wanted (nor reachable) on CI machines.
const CHILD_ENV = {
  ...process.env,
  TURBO_TELEMETRY_DISABLED: '1',
  TURBO_NO_UPDATE_NOTIFIER: '1',
  DO_NOT_TRACK: '1',
};

/** A failure the user can act on: printed as one line naming the step, never as a stack trace. */
class StepFailure extends Error {
  constructor(step, message) {
    super(message);
    this.step = step;
  }
}

// ---------------------------------------------------------------- output

const useColor = process.stdout.isTTY && !('NO_COLOR' in process.env);
const paint = (code) => (s) => (useColor ? `\x1b[${code}m${s}\x1b[0m` : s);
const bold = paint('1');
const green = paint('32');
const red = paint('31');
const dim = paint('2');

function seconds(ms) {
  return `${(ms / 1000).toFixed(1)}s`;
}

const completed = [];

/** Runs one named step, printing `▶ name` before and its outcome and duration after. */
async function step(name, fn) {
  console.log(bold(`▶ ${name}`));
  const started = Date.now();
  try {
    const result = await fn();
    const took = Date.now() - started;
    completed.push({ name, took });
    console.log(green(`✔ ${name}`) + dim(` (${seconds(took)})`));
    return result;
  } catch (error) {
    console.log(red(`✖ ${name}`) + dim(` (${seconds(Date.now() - started)})`));
    if (error instanceof StepFailure) throw error;
    throw new StepFailure(name, error instanceof Error ? error.message : String(error));
  }
}

// ---------------------------------------------------------------- processes

/** Spawns a command with inherited stdio; resolves with its exit code (signals map to 128+n). */
function run(cmd, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd: ROOT,
      env: CHILD_ENV,
      stdio: 'inherit',
      // pnpm and npm are .cmd shims on Windows and need a shell to start.
      shell: IS_WINDOWS,
      ...options,
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(code ?? 128 + signalNumber(signal)));
  });
}

/** Like run(), but a non-zero exit fails the current step with the command line in the message. */
async function mustRun(stepName, cmd, args, options) {
  const code = await run(cmd, args, options);
  if (code !== 0) {
    const shown = [isAbsolute(cmd) ? relative(ROOT, cmd) : cmd, ...args].join(' ');
    throw new StepFailure(stepName, `\`${shown}\` exited with code ${code}`);
  }
}

function signalNumber(signal) {
  return (signal && constants.signals[signal]) || 1;
}

const versions = new Map();

/** `cmd --version`, or undefined when it does not run; cached, since each call spawns. */
function versionOf(cmd) {
  if (!versions.has(cmd)) versions.set(cmd, readVersion(cmd));
  return versions.get(cmd);
}

function readVersion(cmd) {
  const result = spawnSync(cmd, ['--version'], {
    cwd: ROOT,
    env: CHILD_ENV,
    encoding: 'utf8',
    shell: IS_WINDOWS,
  });
  if (result.error || result.status !== 0) return undefined;
  return result.stdout.trim();
}

// ---------------------------------------------------------------- pnpm

async function findPnpm() {
  return step('pnpm', async () => {
    const onPath = versionOf('pnpm');
    // pnpm 10 reads `packageManager` and switches itself to 10.34.9, so any 10.x will do.
    // pnpm 11+ needs Node 22, so an 11.x on PATH is not usable here.
    if (onPath && /^10\./.test(onPath)) {
      console.log(`  using pnpm ${onPath} from PATH`);
      return 'pnpm';
    }
    const local = existsSync(LOCAL_PNPM) ? versionOf(LOCAL_PNPM) : undefined;
    if (local === PNPM_VERSION) {
      console.log(`  using pnpm ${local} from .tools/`);
      return useLocalPnpm();
    }
    console.log(
      onPath
        ? `  pnpm on PATH is ${onPath}; mcpscope needs 10.x. Installing pnpm@${PNPM_VERSION} into .tools/`
        : `  pnpm not found on PATH. Installing pnpm@${PNPM_VERSION} into .tools/ (no root needed)`,
    );
    await mustRun('pnpm', 'npm', [
      'install',
      '--prefix',
      TOOLS_DIR,
      `pnpm@${PNPM_VERSION}`,
      '--no-audit',
      '--no-fund',
    ]);
    versions.delete(LOCAL_PNPM);
    const installed = versionOf(LOCAL_PNPM);
    if (installed !== PNPM_VERSION) {
      throw new StepFailure('pnpm', `.tools/ pnpm reports ${installed ?? 'nothing'} after install`);
    }
    return useLocalPnpm();
  });
}

/**
 * turbo runs each package's script through `pnpm` found on PATH, so the .tools/ copy has to come
 * first on the PATH of everything we start, ahead of a missing or unusable global one.
 */
function useLocalPnpm() {
  const pathKey = Object.keys(CHILD_ENV).find((k) => k.toUpperCase() === 'PATH') ?? 'PATH';
  CHILD_ENV[pathKey] = [dirname(LOCAL_PNPM), CHILD_ENV[pathKey]].filter(Boolean).join(delimiter);
  return LOCAL_PNPM;
}

// ---------------------------------------------------------------- install

/** The workspace package folders, read from pnpm-workspace.yaml (`dir` and `dir/*` entries). */
function workspaceDirs() {
  const yaml = readFileSync(join(ROOT, 'pnpm-workspace.yaml'), 'utf8');
  const dirs = [];
  let inPackages = false;
  for (const line of yaml.split(/\r?\n/)) {
    if (/^packages:\s*$/.test(line)) {
      inPackages = true;
      continue;
    }
    if (inPackages && /^\S/.test(line)) inPackages = false;
    const entry = inPackages && line.match(/^\s+-\s+['"]?([^'"#]+?)['"]?\s*(#.*)?$/);
    if (!entry) continue;
    const pattern = entry[1];
    if (pattern.endsWith('/*')) {
      const parent = join(ROOT, pattern.slice(0, -2));
      if (!existsSync(parent)) continue;
      for (const child of readdirSync(parent, { withFileTypes: true })) {
        if (child.isDirectory()) dirs.push(join(parent, child.name));
      }
    } else {
      dirs.push(join(ROOT, pattern));
    }
  }
  return dirs;
}

/** Hash of everything that decides what `pnpm install` puts into node_modules. */
function installFingerprint(pnpmVersion) {
  const files = ['pnpm-lock.yaml', 'package.json', 'pnpm-workspace.yaml', '.npmrc'].map((f) =>
    join(ROOT, f),
  );
  for (const dir of workspaceDirs()) files.push(join(dir, 'package.json'));
  const hash = createHash('sha256');
  hash.update(`node ${process.versions.node.split('.')[0]}\npnpm ${pnpmVersion}\n`);
  for (const file of files.sort()) {
    hash.update(`${relative(ROOT, file)}\n`);
    hash.update(existsSync(file) ? readFileSync(file) : '<missing>');
    hash.update('\n');
  }
  return hash.digest('hex');
}

async function installIfNeeded(pnpm) {
  return step('install', async () => {
    const fingerprint = installFingerprint(versionOf(pnpm) ?? 'unknown');
    const stamp = existsSync(STAMP) ? readFileSync(STAMP, 'utf8').trim() : undefined;
    if (existsSync(join(ROOT, 'node_modules', '.modules.yaml')) && stamp === fingerprint) {
      console.log('  dependencies are up to date (lockfile and package.json files unchanged)');
      return;
    }
    console.log(
      stamp === undefined
        ? '  no previous install found: running pnpm install --frozen-lockfile'
        : '  lockfile or a package.json changed: running pnpm install --frozen-lockfile',
    );
    // confirmModulesPurge: a non-interactive run must not stop at pnpm's "remove node_modules?"
    const code = await run(pnpm, [
      'install',
      '--frozen-lockfile',
      '--config.confirmModulesPurge=false',
    ]);
    if (code !== 0) {
      throw new StepFailure(
        'install',
        `\`pnpm install --frozen-lockfile\` exited with code ${code}. If it says the lockfile is ` +
          'out of date, run `pnpm install` and commit pnpm-lock.yaml.',
      );
    }
    // Stamp what was installed from, read again in case install itself touched a file.
    writeFileSync(STAMP, `${installFingerprint(versionOf(pnpm) ?? 'unknown')}\n`);
  });
}

/** `quiet` keeps `npm start` to errors only; otherwise turbo shows logs of tasks it really ran. */
async function build(pnpm, { quiet = false } = {}) {
  const logs = quiet ? '--output-logs=errors-only' : '--output-logs=new-only';
  await step('build', () => mustRun('build', pnpm, ['exec', 'turbo', 'run', 'build', logs]));
  // pnpm links a workspace bin only if its file exists at install time, and on a fresh clone
  // apps/proxy/dist/bin.js is built after the install: link it now so `npx mcpscope` works.
  const bin = join(
    ROOT,
    'node_modules',
    '.bin',
    process.platform === 'win32' ? 'mcpscope.cmd' : 'mcpscope',
  );
  if (!existsSync(bin)) {
    await step('link the mcpscope bin', () =>
      mustRun('link the mcpscope bin', pnpm, [
        'install',
        '--frozen-lockfile',
        '--offline',
        '--reporter=silent',
      ]),
    );
  }
}

// ---------------------------------------------------------------- chromium

function isExecutable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Finds the Chromium the e2e step drives. Returns `{path}` or `{problem}`; a problem fails the
 * e2e step later, so lint, typecheck and unit tests still report first.
 */
async function ensureChromium() {
  console.log(bold('▶ chromium'));
  const started = Date.now();
  const found = await findChromium();
  const took = dim(` (${seconds(Date.now() - started)})`);
  if (found.path) {
    completed.push({ name: 'chromium', took: Date.now() - started });
    console.log(green('✔ chromium') + took);
  } else {
    console.log(red('✖ chromium: not available, so the e2e step will fail') + took);
  }
  return found;
}

async function findChromium() {
  const configured = process.env.MCPSCOPE_CHROMIUM;
  if (configured) {
    if (isExecutable(configured)) {
      console.log(`  using MCPSCOPE_CHROMIUM=${configured}`);
      return { path: configured };
    }
    return { problem: `MCPSCOPE_CHROMIUM=${configured} is not an executable file.` };
  }
  if (isExecutable(DEFAULT_CHROMIUM)) {
    console.log(`  using ${DEFAULT_CHROMIUM}`);
    return { path: DEFAULT_CHROMIUM };
  }
  const howTo =
    'Install it with `sudo apt-get install -y chromium` (Debian/Ubuntu), or set ' +
    'MCPSCOPE_CHROMIUM to the path of a Chromium binary.';
  if (process.platform !== 'linux' || process.getuid?.() !== 0) {
    const problem = `Chromium not found at ${DEFAULT_CHROMIUM}; the e2e tests need it. ${howTo}`;
    console.log(red(`  ${problem}`));
    return { problem };
  }
  if (!existsSync('/usr/bin/apt-get')) {
    return {
      problem: `Chromium not found at ${DEFAULT_CHROMIUM} and apt-get is missing. ${howTo}`,
    };
  }
  const aptEnv = { ...CHILD_ENV, DEBIAN_FRONTEND: 'noninteractive' };
  console.log(`  ${DEFAULT_CHROMIUM} is missing and we are root: running apt-get update`);
  if ((await run('apt-get', ['update'], { env: aptEnv })) !== 0) {
    return { problem: `\`apt-get update\` failed, so Chromium could not be installed. ${howTo}` };
  }
  console.log('  running apt-get install -y chromium');
  if ((await run('apt-get', ['install', '-y', 'chromium'], { env: aptEnv })) !== 0) {
    return { problem: `\`apt-get install -y chromium\` failed. ${howTo}` };
  }
  if (!isExecutable(DEFAULT_CHROMIUM)) {
    return { problem: `apt-get installed chromium but ${DEFAULT_CHROMIUM} is missing. ${howTo}` };
  }
  return { path: DEFAULT_CHROMIUM };
}

// ---------------------------------------------------------------- modes

async function modeBuild() {
  const pnpm = await findPnpm();
  await installIfNeeded(pnpm);
  await build(pnpm);
  return 0;
}

async function modeTest() {
  const pnpm = await findPnpm();
  await installIfNeeded(pnpm);
  await build(pnpm);
  const chromium = await ensureChromium();
  await step('prettier', () => mustRun('prettier', pnpm, ['exec', 'prettier', '--check', '.']));
  await step('eslint', () =>
    mustRun('eslint', pnpm, ['exec', 'eslint', '.', '--max-warnings', '0']),
  );
  await step('typecheck', () => mustRun('typecheck', pnpm, ['exec', 'turbo', 'run', 'typecheck']));
  // e2e has a `test` script too, but it runs last and on its own, after everything is built.
  await step('unit tests', () =>
    mustRun('unit tests', pnpm, ['exec', 'turbo', 'run', 'test', '--filter=!@mcpscope/e2e']),
  );
  await step('e2e', async () => {
    if (chromium.problem) throw new StepFailure('e2e', chromium.problem);
    await mustRun('e2e', pnpm, ['--filter', '@mcpscope/e2e', 'test'], {
      env: { ...CHILD_ENV, MCPSCOPE_CHROMIUM: chromium.path },
    });
  });
  return 0;
}

async function modeStart(args) {
  const pnpm = await findPnpm();
  await installIfNeeded(pnpm);
  await build(pnpm, { quiet: true });
  if (!existsSync(PROXY_BIN)) {
    throw new StepFailure(
      'start',
      `${relative(ROOT, PROXY_BIN)} does not exist after the build; check the apps/proxy build output above.`,
    );
  }
  console.log(bold(`▶ mcpscope ui ${args.join(' ')}`.trimEnd()));
  const child = spawn(process.execPath, [PROXY_BIN, 'ui', ...args], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  // Ctrl-C in a terminal reaches the whole process group; forwarding also covers signals sent
  // to this process alone (npm, CI runners, `kill`).
  const forward = (signal) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, forward);
  return new Promise((resolve, reject) => {
    child.on('error', (error) =>
      reject(new StepFailure('start', `could not start the proxy: ${error.message}`)),
    );
    child.on('exit', (code, signal) => resolve(code ?? 128 + signalNumber(signal)));
  });
}

// ---------------------------------------------------------------- main

const MODES = { start: modeStart, test: modeTest, build: modeBuild };
const USAGE = 'usage: node scripts/bootstrap.mjs <start|test|build> [args...]';

async function main() {
  const [mode, ...args] = process.argv.slice(2);
  const runMode = mode && Object.hasOwn(MODES, mode) ? MODES[mode] : undefined;
  if (!runMode) {
    console.error(mode ? `unknown mode \`${mode}\`\n${USAGE}` : USAGE);
    return 2;
  }
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < 20 || (major === 20 && minor < 19)) {
    console.error(
      red(`mcpscope needs Node >= 20.19; this is ${process.version}. Install a newer Node first.`),
    );
    return 1;
  }

  const started = Date.now();
  try {
    const code = await runMode(args);
    if (mode !== 'start') {
      const names = completed.map((s) => s.name).join(', ');
      console.log(
        green(
          bold(
            `✔ ${mode}: all ${completed.length} steps passed in ${seconds(Date.now() - started)}`,
          ),
        ) + dim(` (${names})`),
      );
    }
    return code;
  } catch (error) {
    if (!(error instanceof StepFailure)) throw error;
    console.error(red(`✖ ${error.step} failed: ${error.message}`));
    console.error(
      red(
        bold(
          `✖ ${mode}: failed at step \`${error.step}\` after ${seconds(Date.now() - started)} ` +
            `(${completed.length} steps passed before it)`,
        ),
      ),
    );
    return 1;
  }
}

process.exitCode = await main();
