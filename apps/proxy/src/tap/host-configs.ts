import { homedir } from 'node:os';
import { join } from 'node:path';

/** The hosts whose config files `mcpscope tap install` knows. */
export const HOST_CLIENTS = ['claude-desktop', 'cursor', 'vscode', 'claude-code'] as const;
/** @see HOST_CLIENTS */
export type HostClient = (typeof HOST_CLIENTS)[number];

/** Where a host keeps its servers, and under which key. */
export interface HostConfigLocation {
  path: string;
  /** The object of server entries: `mcpServers`, or VS Code's `servers`. */
  key: 'mcpServers' | 'servers';
}

/**
 * The default config file of each host, as the host's own documentation names it:
 * Claude Desktop's claude_desktop_config.json (per platform), Cursor's global ~/.cursor/mcp.json,
 * VS Code's workspace .vscode/mcp.json and Claude Code's project .mcp.json (both in the
 * current directory). `--config PATH` points anywhere else.
 */
export function defaultConfigLocation(
  client: HostClient,
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  cwd: string = process.cwd(),
): HostConfigLocation {
  const home = homedir();
  switch (client) {
    case 'claude-desktop': {
      const dir =
        platform === 'darwin'
          ? join(home, 'Library', 'Application Support', 'Claude')
          : platform === 'win32'
            ? join(env['APPDATA'] ?? join(home, 'AppData', 'Roaming'), 'Claude')
            : join(env['XDG_CONFIG_HOME'] ?? join(home, '.config'), 'Claude');
      return { path: join(dir, 'claude_desktop_config.json'), key: 'mcpServers' };
    }
    case 'cursor':
      return { path: join(home, '.cursor', 'mcp.json'), key: 'mcpServers' };
    case 'vscode':
      return { path: join(cwd, '.vscode', 'mcp.json'), key: 'servers' };
    case 'claude-code':
      return { path: join(cwd, '.mcp.json'), key: 'mcpServers' };
    default: {
      const _exhaustive: never = client;
      return _exhaustive;
    }
  }
}
