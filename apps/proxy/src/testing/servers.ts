import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseServersConfig, type ServerConfig } from '@mcpscope/protocol';
import { resolveTarget, type TargetFlags } from '../common/target.js';
import { UsageError } from '../common/usage-error.js';
import type { ServerDef } from './spec-schema.js';

/** The name of the one server of a spec that uses `server:` rather than `servers:`. */
export const DEFAULT_SERVER = 'server';

/**
 * Turns a spec's server definition into the engine's {@link ServerConfig}, with the same
 * rules as the command line (`resolveTarget`): relative paths are relative to the spec's
 * folder, which is also a stdio server's default working directory, so a spec runs the same
 * from wherever `mcpscope test` is started.
 */
export async function resolveServer(
  def: ServerDef,
  specDir: string,
  env: Record<string, string | undefined> = process.env,
): Promise<{ ok: true; config: ServerConfig } | { ok: false; message: string }> {
  try {
    return { ok: true, config: await resolveDef(def, specDir, env) };
  } catch (error) {
    if (error instanceof UsageError) return { ok: false, message: error.message };
    throw error;
  }
}

async function resolveDef(
  def: ServerDef,
  specDir: string,
  env: Record<string, string | undefined>,
): Promise<ServerConfig> {
  const config = await resolveDefWithoutVersion(def, specDir, env);
  if (typeof def === 'string' || def.protocolVersion === undefined) return config;
  return { ...config, protocolVersion: def.protocolVersion };
}

async function resolveDefWithoutVersion(
  def: ServerDef,
  specDir: string,
  env: Record<string, string | undefined>,
): Promise<ServerConfig> {
  if (typeof def === 'string') {
    if (/^https?:\/\//i.test(def)) return resolveTarget([def], {});
    return resolveTarget(splitCommandLine(def), { cwd: specDir });
  }
  if ('command' in def) {
    const words =
      typeof def.command !== 'string'
        ? def.command
        : def.args === undefined
          ? splitCommandLine(def.command)
          : [def.command];
    const flags: TargetFlags = {
      cwd: resolve(specDir, def.cwd ?? '.'),
      env: Object.entries(def.env ?? {}).map(([k, v]) => `${k}=${v}`),
    };
    return resolveTarget([...words, ...(def.args ?? [])], flags);
  }
  if ('url' in def) {
    const flags: TargetFlags = {
      header: Object.entries(def.headers ?? {}).map(([k, v]) => `${k}: ${v}`),
    };
    if (def.transport !== undefined) flags.transport = def.transport;
    return resolveTarget([def.url], flags);
  }
  return fromConfigFile(def, specDir, env);
}

async function fromConfigFile(
  def: Extract<ServerDef, { config: string }>,
  specDir: string,
  env: Record<string, string | undefined>,
): Promise<ServerConfig> {
  const path = resolve(specDir, def.config);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(
      `config: cannot read ${def.config} (${code === 'ENOENT' ? `no such file: ${path}` : (error as Error).message})`,
    );
  }
  const loaded = parseServersConfig(text, { env });
  if (!loaded.ok) throw new UsageError(`config: ${def.config}: ${loaded.message}`);
  const names = Object.keys(loaded.servers);
  let config: ServerConfig | undefined;
  if (def.server === undefined) {
    if (names.length !== 1) {
      throw new UsageError(
        `config: ${def.config} has ${names.length} servers; say which with "server:" (${names.join(', ') || 'none usable'})`,
      );
    }
    config = loaded.servers[names[0]!];
  } else {
    config = loaded.servers[def.server];
    if (config === undefined) {
      const problem = loaded.problems.find((p) => p.server === def.server);
      throw new UsageError(
        problem !== undefined
          ? `config: ${def.config}: server "${def.server}": ${problem.message}`
          : `config: ${def.config} has no server "${def.server}" (it has: ${names.join(', ') || 'none'})`,
      );
    }
  }
  if (config!.transport === 'stdio') {
    // The config file's relative paths mean what they mean to the app that reads the file.
    return { ...config!, env: { ...config!.env, ...def.env } };
  }
  return { ...config!, headers: { ...config!.headers, ...def.headers } };
}

/**
 * Splits a command line into words as a shell would for the simple cases: spaces separate,
 * single and double quotes group, a backslash escapes the next character.
 */
export function splitCommandLine(line: string): string[] {
  const words: string[] = [];
  let current = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote !== undefined) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"' && i + 1 < line.length) current += line[++i];
      else current += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      inWord = true;
    } else if (c === '\\' && i + 1 < line.length) {
      current += line[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
    } else {
      current += c;
      inWord = true;
    }
  }
  if (quote !== undefined) throw new UsageError(`unbalanced ${quote} in the command line: ${line}`);
  if (inWord) words.push(current);
  return words;
}
