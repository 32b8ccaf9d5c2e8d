// The official inspector, installed at bench time into node_modules/.cache/bench-peers (outside
// the tracked tree, never a dependency of the repository) so that it can be measured side by
// side. An install that fails (no registry, no network) is a note, never a failed bench.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { root } from './lib.mjs';

export const PEERS_DIR = `${root}node_modules/.cache/bench-peers`;
const INSPECTOR = '@modelcontextprotocol/inspector';
/**
 * The inspector version measured: pinned, so that figures from two runs compare the same peer
 * (the registry's latest on 2026-12-03; change it on purpose, with the figures).
 */
export const INSPECTOR_VERSION = '2.12.0';

/** The installed inspector's entry and version, installing it first when needed. */
export function ensureInspector({ install = true } = {}) {
  const manifest = join(PEERS_DIR, 'node_modules', INSPECTOR, 'package.json');
  const installed = existsSync(manifest)
    ? JSON.parse(readFileSync(manifest, 'utf8')).version
    : undefined;
  if (installed !== INSPECTOR_VERSION && install) {
    mkdirSync(PEERS_DIR, { recursive: true });
    const own = join(PEERS_DIR, 'package.json');
    if (!existsSync(own))
      writeFileSync(own, JSON.stringify({ name: 'bench-peers', private: true }) + '\n');
    process.stderr.write(`installing ${INSPECTOR} into ${PEERS_DIR} …\n`);
    const npm = spawnSync(
      'npm',
      [
        'install',
        `${INSPECTOR}@${INSPECTOR_VERSION}`,
        '--no-audit',
        '--no-fund',
        '--loglevel=error',
        '--engine-strict=false',
      ],
      { cwd: PEERS_DIR, encoding: 'utf8', timeout: 300_000 },
    );
    if (npm.status !== 0) {
      const why = (npm.stderr || npm.error?.message || `exit ${npm.status}`).trim().split('\n')[0];
      return { found: false, note: `${INSPECTOR} could not be installed (${why}); skipped` };
    }
  }
  if (!existsSync(manifest))
    return { found: false, note: `${INSPECTOR} is not installed in ${PEERS_DIR}; skipped` };
  const pkg = JSON.parse(readFileSync(manifest, 'utf8'));
  if (pkg.version !== INSPECTOR_VERSION)
    return {
      found: false,
      note: `${INSPECTOR} ${pkg.version} is installed in ${PEERS_DIR}, not the pinned ${INSPECTOR_VERSION}; skipped`,
    };
  const bin = typeof pkg.bin === 'string' ? pkg.bin : Object.values(pkg.bin ?? {})[0];
  return { found: true, entry: join(dirname(manifest), bin), version: pkg.version, dir: PEERS_DIR };
}
