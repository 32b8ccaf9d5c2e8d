import { compileSchema } from '@mcpscope/engine/session/schema-validator';
import { APP_MIME_TYPE, lintToolApp, type AppResourceFacts } from './lint-apps.js';

/**
 * The checks of `mcpscope lint`: what a server's tool, prompt, resource and template
 * definitions get wrong, by rules with a stable id a user can search for. Pure functions of
 * the listed definitions, so that they are tested without a server.
 */

export type Severity = 'error' | 'warning' | 'info';
export type DefinitionKind = 'tool' | 'prompt' | 'resource' | 'template' | 'server';

export interface Finding {
  rule: string;
  severity: Severity;
  kind: DefinitionKind;
  /** The tool or prompt name, resource URI or template. */
  name: string;
  message: string;
  /** Where in the definition, e.g. `inputSchema.properties.city`. */
  path?: string;
}

/** Every rule, its severity and what it checks (also the documentation's table). */
export const RULES = {
  'input-schema-invalid': {
    severity: 'error',
    description:
      'a tool has no inputSchema, or one that is not a JSON Schema object with "type": "object"',
  },
  'output-schema-invalid': {
    severity: 'error',
    description: 'a tool\'s outputSchema is not a JSON Schema object with "type": "object"',
  },
  'required-not-in-properties': {
    severity: 'error',
    description: '"required" names a property that "properties" does not define',
  },
  'duplicate-name': {
    severity: 'error',
    description: 'two tools, prompts, prompt arguments, resources or templates share a name or URI',
  },
  'missing-description': {
    severity: 'warning',
    description: 'a tool, prompt, resource or template has no description',
  },
  'tool-name': {
    severity: 'warning',
    description:
      "a tool name is outside the spec's guidance: 1 to 128 characters of A-Z a-z 0-9 _ - .",
  },
  'undocumented-parameter': {
    severity: 'warning',
    description: 'a tool parameter or prompt argument has no description',
  },
  'large-definition': {
    severity: 'warning',
    description:
      'a definition costs more than --max-bytes (default 4096) of every model context it is sent to',
  },
  'app-resource-missing': {
    severity: 'error',
    description:
      "a tool's _meta.ui.resourceUri (MCP Apps) is not a ui:// URI, or resources/read of it fails",
  },
  'app-resource-mime-type': {
    severity: 'error',
    description: `a tool's MCP App resource is not served as ${APP_MIME_TYPE}`,
  },
  'list-failed': {
    severity: 'error',
    description: 'the server declares a capability but its list method fails',
  },
} as const satisfies Record<string, { severity: Severity; description: string }>;

export type RuleId = keyof typeof RULES;

type Item = Record<string, unknown>;

/** The definitions a server lists. */
export interface LintSurface {
  tools: Item[];
  prompts: Item[];
  resources: Item[];
  templates: Item[];
  /** What resources/read gave for each `ui://` resource a tool names (MCP Apps). */
  appResources?: Record<string, AppResourceFacts>;
}

export interface LintOptions {
  /** Bytes of JSON above which a definition is `large-definition`. */
  maxBytes: number;
}

/** The bytes a definition costs as JSON. */
export function definitionBytes(item: unknown): number {
  return Buffer.byteLength(JSON.stringify(item) ?? '');
}

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** A definition's display name. */
export function definitionName(kind: DefinitionKind, item: Item): string {
  switch (kind) {
    case 'resource':
      return str(item['uri']) ?? str(item['name']) ?? '(unnamed)';
    case 'template':
      return str(item['uriTemplate']) ?? str(item['name']) ?? '(unnamed)';
    default:
      return str(item['name']) ?? '(unnamed)';
  }
}

const TOOL_NAME = /^[A-Za-z0-9_.-]{1,128}$/;
const JSON_TYPES = new Set(['string', 'number', 'integer', 'boolean', 'object', 'array', 'null']);

/** Every finding for a server's definitions. */
export function lintSurface(surface: LintSurface, options: LintOptions): Finding[] {
  const findings: Finding[] = [];
  const add = (rule: RuleId, kind: DefinitionKind, name: string, message: string, path?: string) =>
    findings.push({
      rule,
      severity: RULES[rule].severity,
      kind,
      name,
      message,
      ...(path !== undefined && { path }),
    });

  const groups: [DefinitionKind, Item[]][] = [
    ['tool', surface.tools],
    ['prompt', surface.prompts],
    ['resource', surface.resources],
    ['template', surface.templates],
  ];
  for (const [kind, items] of groups) {
    const seen = new Map<string, number>();
    for (const item of items) {
      const name = definitionName(kind, item);
      seen.set(name, (seen.get(name) ?? 0) + 1);
      if (seen.get(name) === 2)
        add(
          'duplicate-name',
          kind,
          name,
          `${kind} "${name}" is listed more than once; clients keep one of them`,
        );
      const description = str(item['description']);
      if (description === undefined || description.trim() === '')
        add(
          'missing-description',
          kind,
          name,
          `${kind} "${name}" has no description, so a model cannot tell when to use it`,
        );
      const bytes = definitionBytes(item);
      if (bytes > options.maxBytes)
        add(
          'large-definition',
          kind,
          name,
          `${kind} "${name}" is ${bytes} bytes of JSON (over ${options.maxBytes}); ≈${Math.round(bytes / 4)} tokens in every context it is sent to`,
        );
    }
  }
  for (const tool of surface.tools) {
    lintTool(tool, add);
    lintToolApp(tool, surface.appResources ?? {}, (rule, name, message, path) =>
      add(rule, 'tool', name, message, path),
    );
  }
  for (const prompt of surface.prompts) lintPrompt(prompt, add);
  return findings;
}

type Add = (
  rule: RuleId,
  kind: DefinitionKind,
  name: string,
  message: string,
  path?: string,
) => void;

function lintTool(tool: Item, add: Add): void {
  const name = definitionName('tool', tool);
  if (!TOOL_NAME.test(name)) {
    const bad = [...new Set(name.replace(/[A-Za-z0-9_.-]/g, ''))]
      .map((c) => JSON.stringify(c))
      .join(' ');
    add(
      'tool-name',
      'tool',
      name,
      name.length === 0 || name.length > 128
        ? `tool name is ${name.length} characters long; the spec asks for 1 to 128`
        : `tool name "${name}" contains ${bad}; the spec asks for A-Z a-z 0-9 _ - . only`,
    );
  }
  for (const key of ['inputSchema', 'outputSchema'] as const) {
    const schema = tool[key];
    const rule: RuleId = key === 'inputSchema' ? 'input-schema-invalid' : 'output-schema-invalid';
    if (schema === undefined) {
      if (key === 'inputSchema')
        add(
          rule,
          'tool',
          name,
          `tool "${name}" has no inputSchema (required; use {"type": "object"} for no parameters)`,
          key,
        );
      continue;
    }
    if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) {
      add(
        rule,
        'tool',
        name,
        `${key} must be a JSON Schema object, got ${Array.isArray(schema) ? 'a list' : JSON.stringify(schema)}`,
        key,
      );
      continue;
    }
    const s = schema as Item;
    if (s['type'] !== 'object')
      add(
        rule,
        'tool',
        name,
        `${key} must have "type": "object", got ${s['type'] === undefined ? 'no type' : JSON.stringify(s['type'])}`,
        `${key}.type`,
      );
    for (const problem of schemaShapeProblems(s, key))
      add(rule, 'tool', name, problem.message, problem.path);
    const compiled = compileSchema(s);
    if (!compiled.ok) add(rule, 'tool', name, `${key} does not compile: ${compiled.message}`, key);
    for (const missing of requiredNotInProperties(s, key))
      add(
        'required-not-in-properties',
        'tool',
        name,
        `${missing.path}: "required" names "${missing.name}", which "properties" does not define`,
        missing.path,
      );
    if (key === 'inputSchema') {
      const properties = s['properties'];
      if (typeof properties === 'object' && properties !== null && !Array.isArray(properties)) {
        for (const [param, def] of Object.entries(properties as Item)) {
          const description =
            typeof def === 'object' && def !== null ? str((def as Item)['description']) : undefined;
          if (description === undefined || description.trim() === '')
            add(
              'undocumented-parameter',
              'tool',
              name,
              `parameter "${param}" of tool "${name}" has no description`,
              `inputSchema.properties.${param}`,
            );
        }
      }
    }
  }
}

function lintPrompt(prompt: Item, add: Add): void {
  const name = definitionName('prompt', prompt);
  const args = Array.isArray(prompt['arguments']) ? (prompt['arguments'] as Item[]) : [];
  const seen = new Set<string>();
  args.forEach((arg, i) => {
    const argName = str(arg?.['name']) ?? `#${i}`;
    if (seen.has(argName))
      add(
        'duplicate-name',
        'prompt',
        name,
        `prompt "${name}" declares argument "${argName}" twice`,
        `arguments[${i}]`,
      );
    seen.add(argName);
    const description = str(arg?.['description']);
    if (description === undefined || description.trim() === '')
      add(
        'undocumented-parameter',
        'prompt',
        name,
        `argument "${argName}" of prompt "${name}" has no description`,
        `arguments[${i}]`,
      );
  });
}

/** Structural mistakes a validator may let through: wrong types of keywords, at any depth. */
function schemaShapeProblems(
  schema: Item,
  path: string,
  depth = 0,
): { path: string; message: string }[] {
  if (depth > 20) return [];
  const out: { path: string; message: string }[] = [];
  const type = schema['type'];
  const types = Array.isArray(type) ? type : type === undefined ? [] : [type];
  for (const t of types)
    if (typeof t !== 'string' || !JSON_TYPES.has(t))
      out.push({
        path: `${path}.type`,
        message: `${path}.type: ${JSON.stringify(t)} is not a JSON Schema type`,
      });
  const required = schema['required'];
  if (
    required !== undefined &&
    (!Array.isArray(required) || required.some((r) => typeof r !== 'string'))
  )
    out.push({
      path: `${path}.required`,
      message: `${path}.required must be a list of property names`,
    });
  const properties = schema['properties'];
  if (properties !== undefined) {
    if (typeof properties !== 'object' || properties === null || Array.isArray(properties)) {
      out.push({
        path: `${path}.properties`,
        message: `${path}.properties must be an object of schemas`,
      });
    } else {
      for (const [key, sub] of Object.entries(properties as Item)) {
        const at = `${path}.properties.${key}`;
        if (typeof sub === 'boolean') continue;
        if (typeof sub !== 'object' || sub === null || Array.isArray(sub))
          out.push({
            path: at,
            message: `${at} must be a schema (an object), got ${JSON.stringify(sub)}`,
          });
        else out.push(...schemaShapeProblems(sub as Item, at, depth + 1));
      }
    }
  }
  const items = schema['items'];
  if (typeof items === 'object' && items !== null && !Array.isArray(items))
    out.push(...schemaShapeProblems(items as Item, `${path}.items`, depth + 1));
  return out;
}

/** `required` names missing from `properties`, in this object schema and nested ones. */
function requiredNotInProperties(
  schema: Item,
  path: string,
  depth = 0,
): { path: string; name: string }[] {
  if (depth > 20) return [];
  const out: { path: string; name: string }[] = [];
  const properties = schema['properties'];
  const props =
    typeof properties === 'object' && properties !== null && !Array.isArray(properties)
      ? (properties as Item)
      : undefined;
  if (Array.isArray(schema['required'])) {
    for (const name of schema['required'] as unknown[]) {
      if (typeof name === 'string' && (props === undefined || !Object.hasOwn(props, name)))
        out.push({ path: `${path}.required`, name });
    }
  }
  for (const [key, sub] of Object.entries(props ?? {})) {
    if (typeof sub === 'object' && sub !== null && !Array.isArray(sub))
      out.push(...requiredNotInProperties(sub as Item, `${path}.properties.${key}`, depth + 1));
  }
  const items = schema['items'];
  if (typeof items === 'object' && items !== null && !Array.isArray(items))
    out.push(...requiredNotInProperties(items as Item, `${path}.items`, depth + 1));
  return out;
}
