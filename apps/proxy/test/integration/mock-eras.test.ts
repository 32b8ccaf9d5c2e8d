// `mcpscope mock` serves both eras from a recording of either: the built CLI, in auto,
// legacy and pinned 2026-07-28 mode, against a mock of a legacy recording and of a modern
// one (both made here, with --record, from the dual-era fixture over stdio).
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { buildPrivateBin, runBin } from '../helpers/built-bin.js';
import { describeRun, stdoutJson, type CliRun } from '../helpers/cli.js';
import { FIXTURES_DIR } from '../helpers/paths.js';
import { tempDir } from '../helpers/temp.js';

const DUAL = join(FIXTURES_DIR, 'modern', 'dual-era.mjs');
const ECHO = ['--tool-name', 'echo', '--tool-arg', 'message=hi'];

const tmp = tempDir('mock-eras');
let built: { bin: string; remove: () => void };
const cli = (argv: readonly string[]): Promise<CliRun> => runBin(built.bin, ['--cli', ...argv]);
const mockOf = (era: string): string[] => [
  process.execPath,
  built.bin,
  'mock',
  tmp.path(`${era}.jsonl`),
];

beforeAll(async () => {
  built = buildPrivateBin();
  const runs = await Promise.all(
    (['legacy', 'auto'] as const).map((choice) =>
      cli([
        ...ECHO,
        '--protocol-version',
        choice,
        '--record',
        tmp.path(`${choice === 'auto' ? 'modern' : 'legacy'}.jsonl`),
        process.execPath,
        DUAL,
      ]),
    ),
  );
  for (const run of runs) expect(run.code, describeRun(run)).toBe(0);
}, 60_000);

afterAll(() => {
  built?.remove();
  tmp.remove();
});

interface Handshake {
  era: string;
  agreed: {
    protocolVersion: string;
    capabilities: Record<string, unknown>;
    serverInfo: { name: string };
    instructions?: string;
  };
  discover?: { supportedVersions: string[] };
}

describe.each(['legacy', 'modern'])('a mock of a %s recording', (recorded) => {
  it.each(['auto', 'legacy', '2026-07-28'])(
    'answers a client in --protocol-version %s',
    async (choice) => {
      const [handshake, echoed] = await Promise.all([
        cli(['--method', 'initialize', '--protocol-version', choice, ...mockOf(recorded)]),
        cli([...ECHO, '--protocol-version', choice, ...mockOf(recorded)]),
      ]);
      expect(handshake.code, describeRun(handshake)).toBe(0);
      const info = stdoutJson<Handshake>(handshake);
      const modern = choice !== 'legacy';
      expect(info.era).toBe(modern ? 'modern' : 'legacy');
      expect(info.agreed.protocolVersion).toBe(modern ? '2026-07-28' : '2025-11-25');
      expect(info.agreed.serverInfo.name).toBe('mcpscope-dual-era-fixture');
      expect(Object.keys(info.agreed.capabilities).sort()).toEqual([
        'logging',
        'prompts',
        'resources',
        'tools',
      ]);
      expect(info.agreed.instructions).toContain('mcpscope test fixture');
      if (modern) expect(info.discover?.supportedVersions).toEqual(['2026-07-28']);

      // The recorded answer is valid in the client's era (resultType when modern): the only
      // warnings are the fixture's own invalid x-mcp-header tools, as against the real server.
      expect(echoed.code, describeRun(echoed)).toBe(0);
      const warnings = echoed.stderr.split('\n').filter((l) => l.includes('warning:'));
      expect(warnings.filter((l) => !l.includes('INVALID_TOOL_HEADER'))).toEqual([]);
      const result = stdoutJson<{ content: { text: string }[]; resultType?: string }>(echoed);
      expect(result.content[0]?.text).toBe('echo: hi');
      expect(result.resultType).toBe(modern ? 'complete' : undefined);
    },
  );
});
