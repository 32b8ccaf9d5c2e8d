import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { parseServersConfig } from '@mcpscope/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPrivateBin } from '../helpers/built-bin.js';
import { runCli } from '../helpers/cli.js';
import { EVERYTHING } from '../helpers/paths.js';
import { hostScenario } from '../helpers/tap.js';
import { tempDir } from '../helpers/temp.js';

const temp = tempDir('tap-install');
let bin: { bin: string; remove: () => void };
beforeAll(() => {
  bin = buildPrivateBin();
}, 120_000);
afterAll(() => {
  bin.remove();
  temp.remove();
});

const CLAUDE_DESKTOP = `{
  "mcpServers": {
    "everything": {
      "command": "${process.execPath}",
      "args": ["${EVERYTHING}", "stdio"]
    },
    "memory": {
      "command": "npx",
      "args": [
        "-y",
        "@modelcontextprotocol/server-memory"
      ],
      "env": { "MEMORY_FILE_PATH": "/tmp/memory.json" }
    }
  },
  "globalShortcut": "Ctrl+Space"
}
`;

const CURSOR = `{
    "mcpServers": {
        "remote": { "url": "https://mcp.example.com/mcp" },
        "fs": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem", "/tmp"] },
        "bare": { "command": "my-server" }
    }
}`;

// JSONC as VS Code writes it: comments, trailing commas, tabs, CRLF line ends, inputs.
const VSCODE = [
  '// Workspace MCP servers',
  '{',
  '\t"inputs": [',
  '\t\t{ "type": "promptString", "id": "token", "password": true },',
  '\t],',
  '\t"servers": {',
  '\t\t/* the memory server */',
  '\t\t"memory": {',
  '\t\t\t"type": "stdio",',
  '\t\t\t"command": "npx", // run from the registry',
  '\t\t\t"args": ["-y", "@modelcontextprotocol/server-memory"],',
  '\t\t},',
  '\t\t"github": { "type": "http", "url": "https://api.githubcopilot.com/mcp/" },',
  '\t},',
  '}',
  '',
].join('\r\n');

function file(name: string, text: string): string {
  const path = temp.path(name);
  writeFileSync(path, text, { mode: 0o644 });
  return path;
}

describe('mcpscope tap install / uninstall', () => {
  it.each([
    ['claude-desktop', 'claude_desktop_config.json', CLAUDE_DESKTOP, ['everything', 'memory']],
    ['cursor', 'cursor-mcp.json', CURSOR, ['fs', 'bare']],
    ['vscode', 'vscode-mcp.json', VSCODE, ['memory']],
  ] as const)(
    '%s: install rewrites the stdio entries, uninstall restores the file byte for byte',
    async (client, name, text, tapped) => {
      const path = file(name, text);
      const install = await runCli([
        'tap',
        'install',
        '--client',
        client,
        '--config',
        path,
        '--shim',
        bin.bin,
      ]);
      expect(install.code, install.stderr).toBe(0);
      expect(install.stdout).toContain(tapped.join(', '));
      const installed = readFileSync(path, 'utf8');
      expect(installed).not.toBe(text);
      expect(readFileSync(`${path}.mcpscope-backup`, 'utf8')).toBe(text);
      expect(statSync(path).mode & 0o777).toBe(0o644);
      expect(statSync(`${path}.mcpscope-tap.json`).mode & 0o777).toBe(0o600);
      // Still a config the host reads, each tapped entry now starting the shim.
      const parsed = parseServersConfig(installed);
      if (!parsed.ok) throw new Error(parsed.message);
      for (const server of tapped) {
        const config = parsed.servers[server]!;
        expect(config).toMatchObject({ transport: 'stdio', command: process.execPath });
        if (config.transport === 'stdio')
          expect(config.args.slice(0, 5)).toEqual([bin.bin, 'tap', '--name', server, '--']);
      }
      if (client === 'vscode') {
        // The comments and the rest of the JSONC are untouched.
        expect(installed).toContain('// run from the registry');
        expect(installed).toContain('/* the memory server */');
        expect(installed).toContain(
          '\t\t"github": { "type": "http", "url": "https://api.githubcopilot.com/mcp/" },',
        );
      }
      // Installing again changes nothing.
      const again = await runCli([
        'tap',
        'install',
        '--client',
        client,
        '--config',
        path,
        '--shim',
        bin.bin,
      ]);
      expect(again.stderr).toContain('already runs through mcpscope tap');
      expect(readFileSync(path, 'utf8')).toBe(installed);

      const uninstall = await runCli(['tap', 'uninstall', '--client', client, '--config', path]);
      expect(uninstall.code, uninstall.stderr).toBe(0);
      expect(uninstall.stdout).toContain('exactly');
      expect(readFileSync(path, 'utf8')).toBe(text);
      expect(existsSync(`${path}.mcpscope-tap.json`)).toBe(false);
      expect(existsSync(`${path}.mcpscope-backup`)).toBe(false);
    },
  );

  it('a tapped entry really runs: a host started from the rewritten config talks to its server through the tap', async () => {
    const path = file('run.json', CLAUDE_DESKTOP);
    expect(
      (await runCli(['tap', 'install', '--config', path, '--shim', bin.bin, 'everything'])).code,
    ).toBe(0);
    const parsed = parseServersConfig(readFileSync(path, 'utf8'));
    if (!parsed.ok) throw new Error(parsed.message);
    const entry = parsed.servers['everything']!;
    if (entry.transport !== 'stdio') throw new Error('not stdio');
    const direct = await hostScenario(
      new StdioClientTransport({
        command: process.execPath,
        args: [EVERYTHING, 'stdio'],
        stderr: 'ignore',
      }),
    );
    const tapped = await hostScenario(
      new StdioClientTransport({
        command: entry.command,
        args: [...entry.args.slice(0, 4), '--no-record', '--no-ui', ...entry.args.slice(4)],
        env: process.env as Record<string, string>,
        stderr: 'ignore',
      }),
    );
    expect(tapped.results).toEqual(direct.results);
    // memory was not named: it stays as it was.
    expect(parsed.servers['memory']).toMatchObject({ command: 'npx' });
  });

  it('--dry-run prints the diff and writes nothing; HTTP entries are skipped with what to do', async () => {
    const path = file('dry.json', CURSOR);
    const run = await runCli(['tap', 'install', '--config', path, '--shim', bin.bin, '--dry-run']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^--- .*dry\.json/);
    expect(run.stdout).toContain('-        "bare": { "command": "my-server" }');
    expect(run.stdout).toMatch(/^\+.*"tap"/m);
    expect(run.stderr).toContain(
      'skipped remote: an HTTP server: run mcpscope tap --listen PORT URL',
    );
    expect(readFileSync(path, 'utf8')).toBe(CURSOR);
    expect(existsSync(`${path}.mcpscope-backup`)).toBe(false);
  });

  it('uninstall after other edits restores only the tapped entries and keeps the edits', async () => {
    const path = file('edited.json', CLAUDE_DESKTOP);
    await runCli(['tap', 'install', '--config', path, '--shim', bin.bin, 'memory']);
    const edited = readFileSync(path, 'utf8').replace('"Ctrl+Space"', '"Alt+Space"');
    writeFileSync(path, edited);
    const run = await runCli(['tap', 'uninstall', '--config', path]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('your other edits stay');
    expect(readFileSync(path, 'utf8')).toBe(CLAUDE_DESKTOP.replace('"Ctrl+Space"', '"Alt+Space"'));
  });

  it('bad input says what to do', async () => {
    const path = file('names.json', CLAUDE_DESKTOP);
    const unknown = await runCli(['tap', 'install', '--config', path, 'nope']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(
      'no server "nope" under "mcpServers" (there are: everything, memory)',
    );
    const nothing = await runCli(['tap', 'uninstall', '--config', path]);
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toContain('nothing to undo');
    const missing = await runCli(['tap', 'install', '--config', temp.path('absent.json')]);
    expect(missing.stderr).toContain('no config file at');
    const noClient = await runCli(['tap', 'install']);
    expect(noClient.stderr).toContain('--client');
  });
});
