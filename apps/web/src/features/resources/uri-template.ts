/**
 * RFC 6570 URI Templates, levels 1–4: enough to list a template's variables for a form and to
 * expand it into the URI to read. Written here rather than taken from a library because the
 * form needs the parsed variables (with their operator and modifiers), which the common
 * expanders do not expose. Malformed templates never throw: the broken part stays literal and
 * is reported in `problems`.
 */

/** One variable of an expression: `{name}`, `{name*}` (explode) or `{name:3}` (prefix). */
export interface VarSpec {
  name: string;
  explode: boolean;
  prefix: number | undefined;
}

/** Operators of RFC 6570 §2.2; `''` is simple string expansion. */
export type Operator = '' | '+' | '#' | '.' | '/' | ';' | '?' | '&';

export type TemplatePart =
  | { type: 'literal'; text: string }
  | { type: 'expression'; operator: Operator; vars: VarSpec[]; source: string };

/** A template split into literals and expressions, with what did not parse. */
export interface ParsedTemplate {
  parts: TemplatePart[];
  problems: string[];
}

/** A variable as the form shows it: where it first appears and how it expands. */
export interface TemplateVariable extends VarSpec {
  operator: Operator;
}

/** Values of the form: a missing or `undefined` value is left out of the URI. */
export type TemplateValues = Record<string, string | readonly string[] | undefined>;

interface OperatorRule {
  first: string;
  sep: string;
  named: boolean;
  ifEmpty: string;
  allowReserved: boolean;
}

// RFC 6570 Appendix A.
const RULES: Record<Operator, OperatorRule> = {
  '': { first: '', sep: ',', named: false, ifEmpty: '', allowReserved: false },
  '+': { first: '', sep: ',', named: false, ifEmpty: '', allowReserved: true },
  '#': { first: '#', sep: ',', named: false, ifEmpty: '', allowReserved: true },
  '.': { first: '.', sep: '.', named: false, ifEmpty: '', allowReserved: false },
  '/': { first: '/', sep: '/', named: false, ifEmpty: '', allowReserved: false },
  ';': { first: ';', sep: ';', named: true, ifEmpty: '', allowReserved: false },
  '?': { first: '?', sep: '&', named: true, ifEmpty: '=', allowReserved: false },
  '&': { first: '&', sep: '&', named: true, ifEmpty: '=', allowReserved: false },
};

const OPERATORS = new Set<string>(['+', '#', '.', '/', ';', '?', '&']);
const VARNAME = /^(?:[A-Za-z0-9_]|%[0-9A-Fa-f]{2})+(?:\.(?:[A-Za-z0-9_]|%[0-9A-Fa-f]{2})+)*$/;
const UNRESERVED = /[A-Za-z0-9\-._~]/;
const RESERVED = /[:/?#[\]@!$&'()*+,;=]/;

/** Splits a template into literals and expressions. */
export function parseUriTemplate(template: string): ParsedTemplate {
  const parts: TemplatePart[] = [];
  const problems: string[] = [];
  let literal = '';
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf('{', i);
    const close = template.indexOf('}', i);
    if (close !== -1 && (open === -1 || close < open)) {
      problems.push(`"}" at ${close} has no matching "{"`);
    }
    if (open === -1) {
      literal += template.slice(i);
      break;
    }
    literal += template.slice(i, open);
    const end = template.indexOf('}', open + 1);
    if (end === -1) {
      problems.push(`"{" at ${open} is never closed`);
      literal += template.slice(open);
      break;
    }
    const source = template.slice(open, end + 1);
    const expression = parseExpression(template.slice(open + 1, end), problems);
    if (expression === undefined) {
      literal += source;
    } else {
      if (literal !== '') parts.push({ type: 'literal', text: literal });
      literal = '';
      parts.push({ type: 'expression', ...expression, source });
    }
    i = end + 1;
  }
  if (literal !== '') parts.push({ type: 'literal', text: literal });
  return { parts, problems };
}

function parseExpression(
  body: string,
  problems: string[],
): { operator: Operator; vars: VarSpec[] } | undefined {
  let operator: Operator = '';
  let list = body;
  const head = body.charAt(0);
  if (OPERATORS.has(head)) {
    operator = head as Operator;
    list = body.slice(1);
  } else if (head === '=' || head === ',' || head === '!' || head === '@' || head === '|') {
    problems.push(`"{${body}}": operator "${head}" is reserved by RFC 6570`);
    return undefined;
  }
  const vars: VarSpec[] = [];
  for (const spec of list.split(',')) {
    const match = /^(.*?)(?:(\*)|:(\d{1,4}))?$/.exec(spec);
    const name = match?.[1] ?? '';
    if (!VARNAME.test(name)) {
      problems.push(`"{${body}}": "${spec}" is not a valid variable name`);
      return undefined;
    }
    const prefix = match?.[3] === undefined ? undefined : Number(match[3]);
    if (prefix === 0) {
      problems.push(`"{${body}}": a prefix length must be 1–9999`);
      return undefined;
    }
    vars.push({ name, explode: match?.[2] === '*', prefix });
  }
  return { operator, vars };
}

/** The distinct variables of a template in order of first appearance. */
export function templateVariables(template: string): TemplateVariable[] {
  const seen = new Map<string, TemplateVariable>();
  for (const part of parseUriTemplate(template).parts) {
    if (part.type !== 'expression') continue;
    for (const v of part.vars)
      if (!seen.has(v.name)) seen.set(v.name, { ...v, operator: part.operator });
  }
  return [...seen.values()];
}

/** Expands a template (RFC 6570 §3). Undefined values and empty lists are left out. */
export function expandUriTemplate(template: string, values: TemplateValues): string {
  let out = '';
  for (const part of parseUriTemplate(template).parts) {
    out +=
      part.type === 'literal'
        ? encode(part.text, true)
        : expandExpression(part.operator, part.vars, values);
  }
  return out;
}

function expandExpression(operator: Operator, vars: VarSpec[], values: TemplateValues): string {
  const rule = RULES[operator];
  const items: string[] = [];
  for (const spec of vars) {
    const value = values[spec.name];
    if (value === undefined) continue;
    if (typeof value === 'string') {
      const cut = spec.prefix === undefined ? value : [...value].slice(0, spec.prefix).join('');
      const encoded = encode(cut, rule.allowReserved);
      if (!rule.named) items.push(encoded);
      else items.push(value === '' ? spec.name + rule.ifEmpty : `${spec.name}=${encoded}`);
      continue;
    }
    const list = value;
    if (list.length === 0) continue;
    const encoded = list.map((v) => encode(v, rule.allowReserved));
    if (spec.explode) {
      items.push(
        rule.named
          ? list
              .map((v, k) => (v === '' ? spec.name + rule.ifEmpty : `${spec.name}=${encoded[k]}`))
              .join(rule.sep)
          : encoded.join(rule.sep),
      );
    } else {
      items.push(rule.named ? `${spec.name}=${encoded.join(',')}` : encoded.join(','));
    }
  }
  return items.length === 0 ? '' : rule.first + items.join(rule.sep);
}

/** Percent-encodes what the operator does not allow; with reserved allowed, `%XX` passes through. */
function encode(text: string, allowReserved: boolean): string {
  let out = '';
  const chars = [...text];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] ?? '';
    if (UNRESERVED.test(c) || (allowReserved && RESERVED.test(c))) {
      out += c;
    } else if (
      allowReserved &&
      c === '%' &&
      /^[0-9A-Fa-f]{2}$/.test(`${chars[i + 1]}${chars[i + 2]}`)
    ) {
      out += c;
    } else {
      out += percentEncode(c);
    }
  }
  return out;
}

function percentEncode(char: string): string {
  try {
    return encodeURIComponent(char).replace(
      /[!'()*]/g,
      (m) => `%${m.charCodeAt(0).toString(16).toUpperCase()}`,
    );
  } catch {
    // A lone surrogate has no UTF-8 form; U+FFFD is what a decoder would have made of it.
    return '%EF%BF%BD';
  }
}
