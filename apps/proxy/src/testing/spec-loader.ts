import { readFile } from 'node:fs/promises';
import { basename, dirname, extname, isAbsolute, relative, resolve } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { describeIssues } from './spec-errors.js';
import { SpecSchema, type Spec } from './spec-schema.js';
import { formatDocPath, SourceMap, type DocPath, type SourceLocation } from './source-map.js';
import { expandVariables } from './variables.js';

/** A spec file that parsed and validated. */
export interface LoadedSpec {
  /** The path as shown in reports: relative to the working directory when inside it. */
  file: string;
  /** Absolute path. */
  path: string;
  /** Relative paths in the spec (cwd, config, roots) are relative to this folder. */
  dir: string;
  /** The spec's `name`, or its file name. */
  name: string;
  spec: Spec;
  source: SourceMap;
}

/** Something wrong with a spec file, at a line. Nothing of a spec with errors runs. */
export interface SpecError extends SourceLocation {
  message: string;
}

/** `file:line:column: message`. */
export function formatSpecError(error: SpecError): string {
  return `${error.file}:${error.line}:${error.column}: ${error.message}`;
}

/** The path shown in reports for `path`. */
export function displayPath(path: string, cwd = process.cwd()): string {
  const rel = relative(cwd, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

/**
 * Reads a YAML or JSON spec (JSON is parsed as the YAML subset it is, for the same line
 * numbers), expands `${VAR}` references from `env`, and validates it against the schema.
 */
export async function loadSpec(
  file: string,
  env: Record<string, string | undefined> = process.env,
): Promise<{ ok: true; spec: LoadedSpec } | { ok: false; errors: SpecError[] }> {
  const path = resolve(file);
  const shown = displayPath(path);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'is a directory'
          : (error as Error).message;
    return {
      ok: false,
      errors: [{ file: shown, line: 1, column: 1, message: `cannot read: ${why}` }],
    };
  }
  return parseSpec(text, shown, path, env);
}

/** {@link loadSpec} for text already in memory. */
export function parseSpec(
  text: string,
  shown: string,
  path: string,
  env: Record<string, string | undefined>,
): { ok: true; spec: LoadedSpec } | { ok: false; errors: SpecError[] } {
  const lines = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter: lines,
    prettyErrors: false,
    merge: true,
    uniqueKeys: true,
  });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      errors: doc.errors.map((error) => {
        const { line, col } = lines.linePos(error.pos[0]);
        return {
          file: shown,
          line,
          column: col,
          message: `not valid ${extname(path).toLowerCase() === '.json' ? 'JSON' : 'YAML'}: ${error.message.split('\n')[0]}`,
        };
      }),
    };
  }
  const source = new SourceMap(shown, doc, lines);
  const at = (docPath: DocPath, message: string, atKey = false): SpecError => ({
    ...(atKey ? source.locateKeyOf(docPath) : source.locate(docPath)),
    message: docPath.length === 0 ? message : `${formatDocPath(docPath)}: ${message}`,
  });
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: 1000 });
  } catch (error) {
    return { ok: false, errors: [at([], `cannot read the document: ${(error as Error).message}`)] };
  }
  if (raw === null || raw === undefined) {
    return { ok: false, errors: [at([], 'the file is empty: a spec needs "server" and "tests"')] };
  }
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    return {
      ok: false,
      errors: [at([], 'a spec is a mapping with "server" and "tests", not a list or a scalar')],
    };
  }
  const expanded = expandVariables(raw, env);
  if (expanded.problems.length > 0) {
    return { ok: false, errors: expanded.problems.map((p) => at(p.path, p.message)) };
  }
  const parsed = SpecSchema.safeParse(expanded.value);
  if (!parsed.success) {
    const problems = describeIssues(parsed.error.issues, SpecSchema, expanded.value);
    const errors = problems.map((p) => at(p.path, p.message, p.atKey === true));
    return { ok: false, errors: dedupe(errors) };
  }
  return {
    ok: true,
    spec: {
      file: shown,
      path,
      dir: dirname(path),
      name: parsed.data.name ?? basename(path),
      spec: parsed.data,
      source,
    },
  };
}

function dedupe(errors: SpecError[]): SpecError[] {
  const seen = new Set<string>();
  return errors
    .filter((e) => {
      const key = `${e.line}:${e.column}:${e.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => a.line - b.line || a.column - b.column);
}
