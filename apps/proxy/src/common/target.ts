import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import {
  inferUrlConfig,
  parseServersConfig,
  ProtocolVersionChoiceSchema,
  ServerConfigSchema,
  type ServerConfig,
} from '@mcpscope/protocol';
import type { TargetFlags } from './target-options.js';
import { parseKeyValue, UsageError } from './usage-error.js';
import { own } from '@mcpscope/engine/util/safe-keys';

export type { TargetFlags } from './target-options.js';

const TRANSPORTS: Record<string, ServerConfig['transport']> = {
  stdio: 'stdio',
  sse: 'sse',
  http: 'streamable-http',
  'streamable-http': 'streamable-http',
  streamablehttp: 'streamable-http',
};

/**
 * Turns the target (a URL, or a command and its args) and the target flags into a
 * {@link ServerConfig}. Throws {@link UsageError} with the fix when they do not add up.
 */
export async function resolveTarget(
  positional: readonly string[],
  flags: TargetFlags,
): Promise<ServerConfig> {
  const transport =
    flags.transport === undefined ? undefined : own(TRANSPORTS, flags.transport.toLowerCase());
  if (flags.transport !== undefined && transport === undefined) {
    throw new UsageError(`--transport must be stdio, sse or http, got "${flags.transport}"`);
  }
  const headers = Object.fromEntries((flags.header ?? []).map(parseHeader));
  const env = Object.fromEntries((flags.env ?? []).map((kv) => parseKeyValue(kv, '-e')));

  let config: ServerConfig;
  if (flags.config !== undefined) {
    if (positional.length > 0) {
      throw new UsageError(
        `give either --config or a target, not both (got "${positional.join(' ')}")`,
      );
    }
    config = await fromConfigFile(flags.config, flags.server);
    if (config.transport === 'stdio')
      config = { ...config, env: { ...config.env, ...env }, cwd: flags.cwd ?? config.cwd };
    else config = { ...config, headers: { ...config.headers, ...headers } };
  } else {
    const url = flags.serverUrl ?? (looksLikeUrl(positional[0]) ? positional[0] : undefined);
    if (url !== undefined) {
      if (flags.serverUrl !== undefined && positional.length > 0) {
        throw new UsageError(
          `--server-url was given, so "${positional.join(' ')}" is not understood (a command and a URL cannot both be the target)`,
        );
      }
      if (positional.length > 1) {
        throw new UsageError(
          `unexpected arguments after the URL: ${positional.slice(1).join(' ')}`,
        );
      }
      if (transport === 'stdio')
        throw new UsageError('--transport stdio needs a command, not a URL');
      config =
        transport === undefined
          ? inferUrlConfig(url, headers)
          : transport === 'sse'
            ? { transport: 'sse', url, headers }
            : { transport: 'streamable-http', url, headers, sseFallback: false };
    } else {
      const [command, ...args] = positional;
      if (command === undefined) {
        throw new UsageError(
          'no server given: add a command (mcpscope --cli node server.js --method tools/list), a URL, or --config FILE --server NAME',
        );
      }
      if (transport !== undefined && transport !== 'stdio') {
        throw new UsageError(
          `--transport ${flags.transport} needs a URL (--server-url or a target starting with http:// or https://)`,
        );
      }
      config = {
        transport: 'stdio',
        command,
        args,
        env,
        ...(flags.cwd !== undefined && { cwd: resolve(flags.cwd) }),
      };
    }
  }
  if (flags.protocolVersion !== undefined) {
    const choice = flags.protocolVersion.trim().toLowerCase();
    if (!ProtocolVersionChoiceSchema.safeParse(choice).success) {
      throw new UsageError(
        `--protocol-version must be auto, legacy or a revision date such as 2026-07-28 or 2025-11-25, got "${flags.protocolVersion}"`,
      );
    }
    config = { ...config, protocolVersion: choice };
  }
  const parsed = ServerConfigSchema.safeParse(config);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UsageError(
      `invalid target: ${issue.path.join('.')} ${issue.message}`.replace('  ', ' '),
    );
  }
  return parsed.data;
}

function looksLikeUrl(text: string | undefined): text is string {
  return text !== undefined && /^https?:\/\//i.test(text);
}

function parseHeader(text: string): [string, string] {
  const at = text.indexOf(':');
  if (at <= 0) throw new UsageError(`--header expects "Name: value", got "${text}"`);
  return [text.slice(0, at).trim(), text.slice(at + 1).trim()];
}

async function fromConfigFile(path: string, name: string | undefined): Promise<ServerConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(
      `cannot read --config ${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`,
    );
  }
  const loaded = parseServersConfig(text, { env: process.env });
  if (!loaded.ok) throw new UsageError(`--config ${path}: ${loaded.message}`);
  const names = Object.keys(loaded.servers);
  if (name === undefined) {
    if (names.length === 1) return loaded.servers[names[0]!]!;
    throw new UsageError(
      `--config ${path} has ${names.length} servers; pick one with --server (${names.join(', ') || 'none usable'})`,
    );
  }
  const server = loaded.servers[name];
  if (server !== undefined) return server;
  const problem = loaded.problems.find((p) => p.server === name);
  if (problem !== undefined)
    throw new UsageError(`--config ${path}: server "${name}": ${problem.message}`);
  throw new UsageError(
    `--config ${path} has no server "${name}" (it has: ${names.join(', ') || 'none'})`,
  );
}
