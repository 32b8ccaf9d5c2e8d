import { readdir, stat } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { UsageError } from '../common/usage-error.js';

const SPEC_EXTENSIONS = new Set(['.yaml', '.yml']);
const SKIPPED_DIRS = new Set(['node_modules', '__snapshots__']);

/**
 * The spec files the arguments name. A file is taken as it is (YAML or JSON); a directory
 * stands for the `.yaml` and `.yml` files under it, recursively, skipping node_modules,
 * __snapshots__ and hidden folders. JSON specs are named one by one, since a folder's JSON
 * files are as likely to be configs as specs.
 */
export async function collectSpecFiles(args: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const arg of args) {
    const path = resolve(arg);
    let info;
    try {
      info = await stat(path);
    } catch {
      throw new UsageError(`no such file or directory: ${arg}`);
    }
    if (info.isDirectory()) {
      const found = await walk(path);
      if (found.length === 0) throw new UsageError(`no .yaml or .yml spec files in ${arg}`);
      files.push(...found);
    } else {
      files.push(path);
    }
  }
  return [...new Set(files)];
}

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  const out: string[] = [];
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!entry.name.startsWith('.') && !SKIPPED_DIRS.has(entry.name))
        out.push(...(await walk(path)));
    } else if (SPEC_EXTENSIONS.has(extname(entry.name).toLowerCase())) {
      out.push(path);
    }
  }
  return out;
}
