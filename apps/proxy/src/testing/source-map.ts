import {
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  type Document,
  type LineCounter,
  type Node,
} from 'yaml';

/** A place in a spec file, 1-based, as editors and CI annotations count. */
export interface SourceLocation {
  file: string;
  line: number;
  column: number;
}

/** A path into the parsed document: keys and array indexes. */
export type DocPath = readonly (string | number)[];

/** `file:line:column`, the form editors and terminals turn into links. */
export function formatLocation(location: SourceLocation): string {
  return `${location.file}:${location.line}:${location.column}`;
}

/** `tests[0].steps[2].expect`, the way a reader names a place in the spec. */
export function formatDocPath(path: DocPath): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(part)) out += out === '' ? part : `.${part}`;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out === '' ? '(top level)' : out;
}

/**
 * Finds where a value or key of the parsed document was written, so that errors and
 * failures point at a line. Paths that do not exist (a missing key) resolve to the nearest
 * enclosing node that does.
 */
export class SourceMap {
  constructor(
    readonly file: string,
    private readonly doc: Document,
    private readonly lines: LineCounter,
  ) {}

  /** Where the value at `path` is written; with `key`, where that key of the map is. */
  locate(path: DocPath, key?: string): SourceLocation {
    let node: Node | null = this.doc.contents;
    let found = true;
    for (const part of path) {
      const next = this.child(node, part);
      if (next === undefined) {
        found = false;
        break;
      }
      node = next;
    }
    if (found && key !== undefined && isMap(this.resolve(node))) {
      const pair = this.pairOf(this.resolve(node), key);
      if (pair !== undefined && isScalar(pair.key)) return this.at(pair.key.range?.[0]);
    }
    return this.at(node?.range?.[0]);
  }

  /** Where the key `path[last]` is written (falls back to the value, then the parent). */
  locateKeyOf(path: DocPath): SourceLocation {
    if (path.length === 0) return this.locate(path);
    const last = path[path.length - 1]!;
    return typeof last === 'string' ? this.locate(path.slice(0, -1), last) : this.locate(path);
  }

  private at(offset: number | undefined): SourceLocation {
    const { line, col } = this.lines.linePos(offset ?? 0);
    return { file: this.file, line, column: col };
  }

  private resolve(node: Node | null | undefined): Node | null | undefined {
    return isAlias(node) ? node.resolve(this.doc) : node;
  }

  private pairOf(node: Node | null | undefined, key: string) {
    if (!isMap(node)) return undefined;
    return node.items.find(
      (pair) => isPair(pair) && isScalar(pair.key) && String(pair.key.value) === key,
    );
  }

  private child(node: Node | null, part: string | number): Node | null | undefined {
    const resolved = this.resolve(node);
    if (isMap(resolved)) {
      const pair = this.pairOf(resolved, String(part));
      return pair === undefined ? undefined : ((pair.value as Node | null) ?? (pair.key as Node));
    }
    if (isSeq(resolved) && typeof part === 'number') {
      return (resolved.items[part] as Node | undefined) ?? undefined;
    }
    return undefined;
  }
}
