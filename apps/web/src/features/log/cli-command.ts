import type { ServerConfig } from '@mcpscope/protocol';
import { shellQuote } from '../connection/command-line';

function targetArgs(config: ServerConfig): string[] {
  switch (config.transport) {
    case 'stdio':
      return [
        ...Object.entries(config.env).flatMap(([k, v]) => ['-e', `${k}=${v}`]),
        ...(config.cwd !== undefined ? ['--cwd', config.cwd] : []),
        '--',
        config.command,
        ...config.args,
      ];
    case 'sse':
    case 'streamable-http': {
      const headers = Object.entries(config.headers).flatMap(([k, v]) => [
        '--header',
        `${k}: ${v}`,
      ]);
      const transport =
        config.transport === 'sse'
          ? ['--transport', 'sse']
          : config.sseFallback
            ? []
            : ['--transport', 'http'];
      return [...transport, ...headers, config.url];
    }
    default: {
      const _exhaustive: never = config;
      return _exhaustive;
    }
  }
}

/** Params without what the engine adds by itself (the progress token). */
function userParams(
  params: Record<string, unknown> | undefined,
): Record<string, unknown> | undefined {
  if (params === undefined) return undefined;
  const meta = params['_meta'] as Record<string, unknown> | undefined;
  if (meta === undefined) return params;
  const { progressToken: _token, ...restMeta } = meta;
  const { _meta: _dropped, ...rest } = params;
  return Object.keys(restMeta).length > 0 ? { ...rest, _meta: restMeta } : rest;
}

function isScalar(value: unknown): boolean {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

/** The `mcpscope --cli` command that sends the same request to the same server. */
export function cliCommand(
  config: ServerConfig,
  method: string,
  rawParams: Record<string, unknown> | undefined,
): string {
  const params = userParams(rawParams);
  const args = ['npx', 'mcpscope', '--cli', '--method', method];
  const rest = { ...params };
  if (method === 'tools/call' && typeof rest['name'] === 'string') {
    args.push('--tool-name', rest['name']);
    const toolArgs = (rest['arguments'] ?? {}) as Record<string, unknown>;
    if (Object.values(toolArgs).every(isScalar)) {
      for (const [k, v] of Object.entries(toolArgs))
        args.push(
          '--tool-arg',
          `${k}=${typeof v === 'string' && !/^(true|false|null|-?\d)/.test(v) ? v : JSON.stringify(v)}`,
        );
    } else {
      args.push('--tool-args-json', JSON.stringify(toolArgs));
    }
    delete rest['name'];
    delete rest['arguments'];
  } else if (
    (method === 'resources/read' ||
      method === 'resources/subscribe' ||
      method === 'resources/unsubscribe') &&
    typeof rest['uri'] === 'string'
  ) {
    args.push('--uri', rest['uri']);
    delete rest['uri'];
  } else if (method === 'prompts/get' && typeof rest['name'] === 'string') {
    args.push('--prompt-name', rest['name']);
    for (const [k, v] of Object.entries((rest['arguments'] ?? {}) as Record<string, unknown>))
      args.push('--prompt-args', `${k}=${String(v)}`);
    delete rest['name'];
    delete rest['arguments'];
  } else if (method === 'logging/setLevel' && typeof rest['level'] === 'string') {
    args.push('--log-level', rest['level']);
    delete rest['level'];
  }
  if (Object.keys(rest).length > 0) args.push('--params', JSON.stringify(rest));
  return [...args, ...targetArgs(config)].map(shellQuote).join(' ');
}
