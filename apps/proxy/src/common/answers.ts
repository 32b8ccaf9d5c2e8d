import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PolicyAnswer, ServerRequestPolicy } from '@mcpscope/engine/session/policy';
import { parseJsonObjectFlag, UsageError } from './usage-error.js';

/** The flags that answer a server's requests in one-shot mode. */
export interface AnswerFlags {
  elicitation?: string;
  elicitationContent?: string;
  samplingResponse?: string;
  root?: string[];
}

/**
 * Builds the answering policy from flags. A capability is declared only when its flag is
 * given, so a server never asks for something nobody will answer.
 */
export function policyFromFlags(
  flags: AnswerFlags,
  warn: (line: string) => void,
): ServerRequestPolicy {
  const policy: ServerRequestPolicy = {};
  if (flags.elicitation !== undefined) {
    const action = flags.elicitation;
    if (action !== 'accept' && action !== 'decline' && action !== 'cancel') {
      throw new UsageError(`--elicitation must be accept, decline or cancel, got "${action}"`);
    }
    const override =
      flags.elicitationContent === undefined
        ? undefined
        : parseJsonObjectFlag(flags.elicitationContent, '--elicitation-content');
    policy.elicitation = {
      modes: ['form', 'url'],
      answer: (params) => Promise.resolve(answerElicitation(action, params, override, warn)),
    };
  } else if (flags.elicitationContent !== undefined) {
    throw new UsageError('--elicitation-content needs --elicitation accept');
  }
  if (flags.samplingResponse !== undefined) {
    const result = samplingResult(flags.samplingResponse);
    policy.sampling = () => Promise.resolve({ result });
  }
  if (flags.root !== undefined && flags.root.length > 0) {
    const roots = flags.root.map(toRoot);
    policy.roots = () => Promise.resolve({ result: { roots } });
  }
  return policy;
}

function answerElicitation(
  action: 'accept' | 'decline' | 'cancel',
  params: Record<string, unknown>,
  override: Record<string, unknown> | undefined,
  warn: (line: string) => void,
): PolicyAnswer {
  if (action !== 'accept') return { result: { action } };
  if (params['mode'] === 'url') {
    warn(
      `elicitation: the server asks you to open ${String(params['url'])} (${typeof params['message'] === 'string' ? params['message'] : ''}); answered accept`,
    );
    return { result: { action: 'accept' } };
  }
  const schema = (params['requestedSchema'] ?? {}) as {
    properties?: Record<string, { default?: unknown }>;
    required?: string[];
  };
  const content: Record<string, unknown> = {};
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    if (property?.default !== undefined) content[name] = property.default;
  }
  Object.assign(content, override);
  const missing = (schema.required ?? []).filter((name) => !(name in content));
  if (missing.length > 0) {
    warn(
      `elicitation: required field(s) ${missing.join(', ')} have no default; give them with --elicitation-content '{"${missing[0]}": ...}'`,
    );
  }
  return { result: { action: 'accept', content } };
}

/**
 * `--sampling-response` is a CreateMessageResult as JSON, `@file` holding one, or plain
 * text, which becomes an assistant text message.
 */
function samplingResult(value: string): Record<string, unknown> {
  let text = value;
  if (value.startsWith('@')) {
    try {
      text = readFileSync(value.slice(1), 'utf8');
    } catch (error) {
      throw new UsageError(
        `--sampling-response ${value}: cannot read the file (${(error as Error).message})`,
      );
    }
  }
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) return parseJsonObjectFlag(trimmed, '--sampling-response');
  return {
    role: 'assistant',
    content: { type: 'text', text },
    model: 'mcpscope',
    stopReason: 'endTurn',
  };
}

function toRoot(value: string): { uri: string; name: string } {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return { uri: value, name: value };
  const path = resolve(value);
  return { uri: pathToFileURL(path).href, name: basename(path) || path };
}
