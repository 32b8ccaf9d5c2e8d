import { basename, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { policyFromFlags } from '../common/answers.js';
import type { PolicyAnswer, ServerRequestPolicy } from '@mcpscope/engine/session/policy';
import type { ClientAnswers, Spec, TestCase } from './spec-schema.js';

type Kind = 'sampling' | 'elicitation' | 'roots';
const KINDS: readonly Kind[] = ['sampling', 'elicitation', 'roots'];

/**
 * Answers the server's requests from the spec. Answers nest: a step's `client` overrides
 * its test's, which overrides the spec's. The capabilities declared in the handshake are
 * those the spec answers anywhere for the tests of this server, so that a server offers the
 * same tools to every test of a file.
 */
export class SpecClient {
  private layers: (ClientAnswers | undefined)[] = [];
  private notes: string[] = [];

  constructor(
    private readonly declared: ReadonlySet<Kind>,
    private readonly specDir: string,
  ) {}

  /** The kinds a spec answers anywhere in these tests. */
  static declaredFor(spec: Spec, tests: readonly TestCase[]): Set<Kind> {
    const all = [spec.client, ...tests.flatMap((t) => [t.client, ...t.steps.map((s) => s.client)])];
    return new Set(KINDS.filter((kind) => all.some((answers) => answers?.[kind] !== undefined)));
  }

  /** Sets the answers in force, outermost first (spec, test, step). */
  setScope(...layers: (ClientAnswers | undefined)[]): void {
    this.layers = layers;
  }

  /** What happened while answering since the last call (unanswerable requests, warnings). */
  takeNotes(): string[] {
    const notes = this.notes;
    this.notes = [];
    return notes;
  }

  policy(): ServerRequestPolicy {
    const policy: ServerRequestPolicy = {};
    if (this.declared.has('sampling')) policy.sampling = () => Promise.resolve(this.sampling());
    if (this.declared.has('elicitation')) {
      policy.elicitation = {
        modes: ['form', 'url'],
        answer: (params, context) => this.elicitation(params, context),
      };
    }
    if (this.declared.has('roots')) policy.roots = () => Promise.resolve(this.roots());
    return policy;
  }

  private current<K extends Kind>(kind: K): ClientAnswers[K] | undefined {
    for (let i = this.layers.length - 1; i >= 0; i--) {
      const answer = this.layers[i]?.[kind];
      if (answer !== undefined) return answer;
    }
    return undefined;
  }

  private unanswered(method: string, kind: Kind): PolicyAnswer {
    this.notes.push(
      `the server sent ${method}, but no "client.${kind}" applies to this step; it was answered with an error`,
    );
    return {
      error: { code: -32603, message: `mcpscope test: the spec gives no ${kind} answer here` },
    };
  }

  private sampling(): PolicyAnswer {
    const answer = this.current('sampling');
    if (answer === undefined) return this.unanswered('sampling/createMessage', 'sampling');
    if ('result' in answer) return { result: answer.result };
    return {
      result: {
        role: 'assistant',
        content: { type: 'text', text: answer.text },
        model: answer.model ?? 'mcpscope',
        stopReason: 'endTurn',
      },
    };
  }

  private async elicitation(
    params: Record<string, unknown>,
    context: Parameters<NonNullable<ServerRequestPolicy['elicitation']>['answer']>[1],
  ): Promise<PolicyAnswer> {
    const answer = this.current('elicitation');
    if (answer === undefined) return this.unanswered('elicitation/create', 'elicitation');
    // The CLI's --elicitation logic: accept fills the requested schema's defaults.
    const flags = {
      elicitation: answer.action,
      ...(answer.content !== undefined && { elicitationContent: JSON.stringify(answer.content) }),
    };
    const policy = policyFromFlags(flags, (line) => this.notes.push(line));
    return policy.elicitation!.answer(params, context);
  }

  private roots(): PolicyAnswer {
    const answer = this.current('roots');
    if (answer === undefined) return this.unanswered('roots/list', 'roots');
    const roots = answer.map((root) => {
      if (typeof root !== 'string') return root.name === undefined ? { uri: root.uri } : root;
      if (/^[a-z][a-z0-9+.-]*:\/\//i.test(root)) return { uri: root, name: root };
      const path = resolve(this.specDir, root);
      return { uri: pathToFileURL(path).href, name: basename(path) || path };
    });
    return { result: { roots } };
  }
}
