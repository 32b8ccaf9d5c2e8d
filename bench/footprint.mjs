// 7b. Footprint of the published package: `npm pack` apps/proxy, install the tarball into a
// temporary directory with --omit=dev (from the registry, or the npm cache when it has it),
// then measure node_modules (disk usage and apparent bytes) and count the packages installed.
// The official inspector is measured the same way where bench/peers.mjs installed it.
//
// Usage: node bench/footprint.mjs [--no-peers]      Writes bench/results/footprint.json.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from './lib.mjs';
import { ensureInspector } from './peers.mjs';

function run(command, args, cwd) {
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', timeout: 600_000 });
  if (r.status !== 0)
    throw new Error(
      `${command} ${args.join(' ')} failed: ${(r.stderr || r.error?.message || `exit ${r.status}`).trim()}`,
    );
  return r.stdout;
}

/** Disk usage and apparent size of a directory, in bytes. */
function size(dir) {
  const disk = Number(run('du', ['-s', '--block-size=1', dir]).split('\t')[0]);
  const apparent = Number(
    run('du', ['-s', '--apparent-size', '--block-size=1', dir]).split('\t')[0],
  );
  return { diskBytes: disk, apparentBytes: apparent };
}

/** Packages under node_modules of `dir` (npm's own view, every nesting level). */
function packageCount(dir) {
  const out = spawnSync('npm', ['ls', '--all', '--omit=dev', '--parseable'], {
    cwd: dir,
    encoding: 'utf8',
  }).stdout;
  return out.split('\n').filter((line) => line.includes('node_modules')).length;
}

const work = mkdtempSync(join(tmpdir(), 'mcpscope-footprint-'));
const result = {};
try {
  const packed = JSON.parse(
    run('npm', ['pack', '--json', '--pack-destination', work], `${root}apps/proxy`),
  )[0];
  const tarball = join(work, packed.filename);
  const app = join(work, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), '{ "private": true }\n');
  run(
    'npm',
    [
      'install',
      tarball,
      '--omit=dev',
      '--prefer-offline',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
    ],
    app,
  );
  const installed = size(join(app, 'node_modules'));
  const own = size(join(app, 'node_modules', 'mcpscope'));
  result.mcpscope = {
    version: packed.version,
    tarballBytes: statSync(tarball).size,
    unpackedBytes: packed.unpackedSize,
    files: packed.entryCount,
    installed,
    ownPackage: own,
    // Everything installed except mcpscope itself.
    runtimePackages: packageCount(app) - 1,
  };
} finally {
  rmSync(work, { recursive: true, force: true });
}
const inspector = ensureInspector({ install: !process.argv.includes('--no-peers') });
if (inspector.found) {
  result.inspector = {
    version: inspector.version,
    installed: size(join(inspector.dir, 'node_modules')),
    runtimePackages: packageCount(inspector.dir) - 1,
  };
} else result.inspectorNote = inspector.note;

const mb = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;
const m = result.mcpscope;
console.log(
  `footprint: mcpscope ${m.version} tarball ${mb(m.tarballBytes)}, installed ${mb(m.installed.diskBytes)} on disk (${mb(m.installed.apparentBytes)} apparent; mcpscope itself ${mb(m.ownPackage.diskBytes)}), ${m.runtimePackages} runtime packages`,
);
if (result.inspector) {
  const i = result.inspector;
  console.log(
    `           inspector ${i.version} installed ${mb(i.installed.diskBytes)} on disk (${mb(i.installed.apparentBytes)} apparent), ${i.runtimePackages} packages`,
  );
} else console.log(`           ${result.inspectorNote}`);
mkdirSync(`${root}bench/results`, { recursive: true });
writeFileSync(`${root}bench/results/footprint.json`, JSON.stringify(result, null, 2) + '\n');
