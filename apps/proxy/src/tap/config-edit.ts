import {
  applyEdits,
  findNodeAtLocation,
  modify,
  parseTree,
  printParseErrorCode,
  type FormattingOptions,
  type Node,
  type ParseError,
} from 'jsonc-parser';
import { UsageError } from '../common/usage-error.js';

/** How a host is to start the shim: `command prefix… tap --name NAME -- SERVER…`. */
export interface ShimCommand {
  command: string;
  prefix: string[];
}

/** What `tap install` changed, kept beside the config so `tap uninstall` can undo it exactly. */
export interface TapState {
  version: 1;
  /** The file's text before the first install. */
  original: string;
  /** The file's text as the last install left it. */
  installed: string;
  /** Per tapped entry: the exact source text of its `command` and `args` values (null: no args). */
  entries: Record<string, { command: string; args: string | null }>;
}

export interface InstallPlan {
  text: string;
  tapped: string[];
  skipped: { name: string; why: string }[];
  entries: TapState['entries'];
}

/**
 * Rewrites the named stdio entries (all of them when `names` is empty) to run through the
 * shim, with jsonc-parser edits: only the `command` and `args` values change, and comments,
 * trailing commas, key order and indentation elsewhere stay as they were (VS Code's JSONC).
 */
export function planInstall(
  text: string,
  key: string,
  names: readonly string[],
  shim: ShimCommand,
): InstallPlan {
  const entries = entryNodes(text, key);
  for (const name of names)
    if (!entries.has(name))
      throw new UsageError(
        `no server "${name}" under "${key}" (there are: ${[...entries.keys()].join(', ') || 'none'})`,
      );
  const chosen = names.length > 0 ? names : [...entries.keys()];
  const plan: InstallPlan = { text, tapped: [], skipped: [], entries: {} };
  const formatting = detectFormatting(text);
  for (const name of chosen) {
    const root = parse(plan.text);
    const command = findNodeAtLocation(root, [key, name, 'command']);
    const args = findNodeAtLocation(root, [key, name, 'args']);
    if (command?.type !== 'string') {
      const remote =
        findNodeAtLocation(root, [key, name, 'url']) ??
        findNodeAtLocation(root, [key, name, 'serverUrl']);
      plan.skipped.push({
        name,
        why:
          remote !== undefined
            ? 'an HTTP server: run mcpscope tap --listen PORT URL and point this entry at the port'
            : 'it has no "command" to run',
      });
      continue;
    }
    const argValues =
      args?.type === 'array' ? (args.children ?? []).map((c) => c.value as unknown) : [];
    if (
      args !== undefined &&
      (args.type !== 'array' || argValues.some((a) => typeof a !== 'string'))
    ) {
      plan.skipped.push({ name, why: '"args" is not a list of strings' });
      continue;
    }
    if (isTapped(argValues as string[])) {
      plan.skipped.push({ name, why: 'it already runs through mcpscope tap' });
      continue;
    }
    plan.entries[name] = {
      command: source(plan.text, command),
      args: args === undefined ? null : source(plan.text, args),
    };
    const nextArgs = [
      ...shim.prefix,
      'tap',
      '--name',
      name,
      '--',
      command.value as string,
      ...(argValues as string[]),
    ];
    plan.text = applyEdits(
      plan.text,
      modify(plan.text, [key, name, 'command'], shim.command, { formattingOptions: formatting }),
    );
    plan.text = applyEdits(
      plan.text,
      modify(plan.text, [key, name, 'args'], nextArgs, { formattingOptions: formatting }),
    );
    plan.tapped.push(name);
  }
  return plan;
}

/**
 * Undoes {@link planInstall}. When the file is exactly as the install left it, that is the
 * original text, byte for byte. When the user changed it since, only the tapped entries'
 * `command` and `args` get their original source text back: the other edits stay.
 */
export function planUninstall(
  text: string,
  key: string,
  state: TapState,
  names: readonly string[],
): { text: string; restored: string[]; exact: boolean; left: TapState['entries'] } {
  const chosen = names.length > 0 ? names : Object.keys(state.entries);
  for (const name of chosen)
    if (state.entries[name] === undefined)
      throw new UsageError(`"${name}" was not tapped by mcpscope tap install`);
  const left = Object.fromEntries(
    Object.entries(state.entries).filter(([n]) => !chosen.includes(n)),
  );
  if (text === state.installed && Object.keys(left).length === 0)
    return { text: state.original, restored: [...chosen], exact: true, left };
  let next = text;
  const restored: string[] = [];
  for (const name of chosen) {
    const original = state.entries[name]!;
    const root = parse(next);
    const args = findNodeAtLocation(root, [key, name, 'args']);
    const argValues =
      args?.type === 'array' ? (args.children ?? []).map((c) => c.value as unknown) : [];
    // The entry is gone or was changed by hand since: it is the user's now.
    if (args === undefined || !isTapped(argValues as string[])) continue;
    next =
      original.args === null
        ? applyEdits(
            next,
            modify(next, [key, name, 'args'], undefined, {
              formattingOptions: detectFormatting(next),
            }),
          )
        : splice(next, args, original.args);
    const command = findNodeAtLocation(parse(next), [key, name, 'command']);
    if (command !== undefined) next = splice(next, command, original.command);
    restored.push(name);
  }
  return { text: next, restored, exact: false, left };
}

/** A shim's own args: `… tap --name NAME -- COMMAND …`. */
export function isTapped(args: readonly string[]): boolean {
  const tap = args.indexOf('tap');
  return tap >= 0 && args[tap + 1] === '--name' && args[tap + 3] === '--';
}

function entryNodes(text: string, key: string): Map<string, Node> {
  const servers = findNodeAtLocation(parse(text), [key]);
  if (servers === undefined || servers.type !== 'object')
    throw new UsageError(`the file has no "${key}" object of servers`);
  const entries = new Map<string, Node>();
  for (const property of servers.children ?? []) {
    const [name, value] = property.children ?? [];
    if (typeof name?.value === 'string' && value !== undefined) entries.set(name.value, value);
  }
  return entries;
}

function parse(text: string): Node {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true });
  if (errors.length > 0 || root === undefined)
    throw new UsageError(
      `the config file is not valid JSON (${errors[0] === undefined ? 'empty' : `${printParseErrorCode(errors[0].error)} at offset ${errors[0].offset}`}): fix it first`,
    );
  return root;
}

function source(text: string, node: Node): string {
  return text.slice(node.offset, node.offset + node.length);
}

function splice(text: string, node: Node, replacement: string): string {
  return text.slice(0, node.offset) + replacement + text.slice(node.offset + node.length);
}

/** The file's own indentation and line ends, so new values look like the old ones. */
function detectFormatting(text: string): FormattingOptions {
  const indent = /^([ \t]+)\S/m.exec(text)?.[1] ?? '  ';
  return {
    insertSpaces: !indent.startsWith('\t'),
    tabSize: indent.startsWith('\t') ? 1 : indent.length,
    eol: text.includes('\r\n') ? '\r\n' : '\n',
  };
}
