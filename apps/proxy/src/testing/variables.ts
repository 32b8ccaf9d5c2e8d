/**
 * `${VAR}`, `${VAR:-default}` (default when unset or empty) and `${VAR-default}` (default
 * when unset) in every string value of a spec, as a shell or docker compose reads them.
 * `$${` stands for a literal `${`. Keys are never expanded.
 */

/** A variable that is used without a default but not set. */
export interface VariableProblem {
  path: (string | number)[];
  message: string;
}

const REFERENCE = /\$(\$)?\{([^}]*)\}/g;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Expands one string; problems name the variable and how to give it. */
export function expandString(
  text: string,
  env: Record<string, string | undefined>,
): { value: string; problems: string[] } {
  const problems: string[] = [];
  const value = text.replace(REFERENCE, (whole, escaped: string | undefined, body: string) => {
    if (escaped !== undefined) return whole.slice(1);
    const match = /^([^:-]*)(:?-)?(.*)$/s.exec(body)!;
    const name = match[1]!;
    const operator = match[2];
    const fallback = match[3] ?? '';
    if (!NAME.test(name) || (operator === undefined && fallback !== '')) {
      problems.push(
        `"\${${body}}" is not a variable reference: write \${NAME}, \${NAME:-default} or \${NAME-default}, names being letters, digits and _ (and $\${…} for a literal \${…})`,
      );
      return whole;
    }
    const set = env[name];
    if (operator === ':-') return set === undefined || set === '' ? fallback : set;
    if (operator === '-') return set === undefined ? fallback : set;
    if (set === undefined) {
      problems.push(
        `environment variable ${name} is not set (set it, or give a default: \${${name}:-value})`,
      );
      return whole;
    }
    return set;
  });
  return { value, problems };
}

/** Expands every string in a parsed document, returning a new value and the problems found. */
export function expandVariables(
  value: unknown,
  env: Record<string, string | undefined>,
): { value: unknown; problems: VariableProblem[] } {
  const problems: VariableProblem[] = [];
  const walk = (node: unknown, path: (string | number)[]): unknown => {
    if (typeof node === 'string') {
      if (!node.includes('${')) return node;
      const expanded = expandString(node, env);
      for (const message of expanded.problems) problems.push({ path, message });
      return expanded.value;
    }
    if (Array.isArray(node)) return node.map((item, i) => walk(item, [...path, i]));
    if (typeof node === 'object' && node !== null) {
      return Object.fromEntries(
        Object.entries(node).map(([key, item]) => [key, walk(item, [...path, key])]),
      );
    }
    return node;
  };
  return { value: walk(value, []), problems };
}
