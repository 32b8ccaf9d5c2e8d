import type { Option } from 'commander';

/**
 * Separates mcpscope's own flags from the target, wherever each stands:
 * `mcpscope --cli --method tools/list http://host/mcp` and
 * `mcpscope --cli npx -y my-server --method tools/list` both work. Anything that is not one
 * of our flags belongs to the target; after `--`, everything does (use it when the server's
 * own flags collide with ours, e.g. `-e`).
 */
export function splitArgv(
  argv: readonly string[],
  options: readonly Option[],
): { own: string[]; target: string[] } {
  const byName = new Map<string, Option>();
  for (const option of options) {
    if (option.long !== undefined) byName.set(option.long, option);
    if (option.short !== undefined) byName.set(option.short, option);
  }
  byName.set('--help', { required: false, optional: false } as Option);
  byName.set('-h', { required: false, optional: false } as Option);
  const own: string[] = [];
  const target: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]!;
    if (token === '--') {
      target.push(...argv.slice(i + 1));
      break;
    }
    const eq = token.startsWith('--') ? token.indexOf('=') : -1;
    const name = eq > 0 ? token.slice(0, eq) : token;
    const option = token.startsWith('-') ? byName.get(name) : undefined;
    if (option === undefined) {
      target.push(token);
      continue;
    }
    own.push(token);
    if (eq > 0) continue;
    const next = argv[i + 1];
    if (option.required && next !== undefined) {
      own.push(next);
      i++;
    } else if (option.optional && next !== undefined && !next.startsWith('-')) {
      own.push(next);
      i++;
    }
  }
  return { own, target };
}
