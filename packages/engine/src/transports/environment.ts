import { getDefaultEnvironment } from '@modelcontextprotocol/client/stdio';

/**
 * The environment of a spawned server: the SDK's minimal inherited set (PATH, HOME, USER,
 * SHELL, TERM, LOGNAME on POSIX) plus exactly what the user configured. Never the whole
 * environment of the proxy, which may hold tokens the server has no business seeing.
 */
export function serverEnvironment(configured: Record<string, string>): Record<string, string> {
  return { ...getDefaultEnvironment(), ...configured };
}
