import { Braces, Loader2 } from 'lucide-react';
import { useMemo, type FormEvent } from 'react';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { CopyButton } from '../../components/CopyButton';
import { nullObject, withKey, withName } from '../../lib/name-map';
import { AnnotationBadges } from './AnnotationBadges';
import { CompletionInput } from '../../components/CompletionInput';
import { IconStrip, ItemIcon } from '../../components/ItemIcon';
import { ReadResultView } from './ReadResultView';
import { RawJson } from '../../components/RequestOutcome';
import type { DetailContext } from './ResourceDetail';
import {
  readResource,
  updateResources,
  useResourcesState,
  type TemplateItem,
} from './resources-store';
import { SubscribeButton } from './SubscribeButton';
import { otherValues } from '../../lib/use-completions';
import {
  expandUriTemplate,
  parseUriTemplate,
  templateVariables,
  type TemplateValues,
  type TemplateVariable,
} from './uri-template';

// Prototype-less: `values['constructor']` must be undefined, not Object.
const NO_VALUES: Record<string, string> = nullObject();

/** How a variable expands, as a reader of RFC 6570 would write it. */
function spelled(v: TemplateVariable): string {
  return `{${v.operator}${v.name}${v.explode ? '*' : ''}${v.prefix === undefined ? '' : `:${v.prefix}`}}`;
}

/** Form values to template values: empty fields are left out; exploded ones are lists. */
function toTemplateValues(
  vars: TemplateVariable[],
  values: Record<string, string>,
): TemplateValues {
  const out: TemplateValues = {};
  for (const v of vars) {
    const value = values[v.name] ?? '';
    if (value === '') continue;
    out[v.name] = v.explode ? value.split(',').map((s) => s.trim()) : value;
  }
  return out;
}

/**
 * A resource template: one field per RFC 6570 variable with the server's completions, the
 * URI it expands to, and Read for that URI.
 */
export function TemplateDetail({
  template,
  ctx,
  completions,
}: {
  template: TemplateItem;
  ctx: DetailContext;
  completions: boolean;
}) {
  const uriTemplate = template.uriTemplate ?? '';
  const state = useResourcesState(ctx.sessionId);
  const values = state.templateValues.get(uriTemplate) ?? NO_VALUES;
  const { vars, problems } = useMemo(
    () => ({
      vars: templateVariables(uriTemplate),
      problems: parseUriTemplate(uriTemplate).problems,
    }),
    [uriTemplate],
  );
  const uri = expandUriTemplate(uriTemplate, toTemplateValues(vars, values));
  const read = state.reads.get(uri);
  const missing = vars.filter((v) => (values[v.name] ?? '') === '').map((v) => v.name);

  const setValue = (name: string, value: string): void =>
    updateResources(ctx.sessionId, (s) => ({
      templateValues: withName(
        s.templateValues,
        uriTemplate,
        withKey(s.templateValues.get(uriTemplate), name, value),
      ),
    }));
  const onSubmit = (event: FormEvent): void => {
    event.preventDefault();
    if (ctx.canSend) void readResource(ctx.sessionId, uri);
  };

  return (
    <div className="space-y-4" data-testid="template-detail">
      <header className="space-y-1.5">
        <div className="flex items-start gap-2">
          {template.icons.length > 0 ? (
            <span className="mt-1">
              <ItemIcon icons={template.icons} size={20} />
            </span>
          ) : (
            <Braces size={18} className="mt-1 shrink-0 text-zinc-400" />
          )}
          <div className="min-w-0 flex-1">
            <h2 className="text-base font-semibold break-words">
              {template.title ?? template.name ?? uriTemplate}
            </h2>
            {template.title !== undefined && template.name !== undefined && (
              <p className="font-mono text-xs text-zinc-500">{template.name}</p>
            )}
          </div>
        </div>
        <div className="flex items-center gap-1">
          <code className="min-w-0 rounded bg-zinc-100 px-1.5 py-0.5 text-xs break-all text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300">
            {uriTemplate || '(no uriTemplate)'}
          </code>
          <CopyButton text={() => uriTemplate} label="Copy template" />
        </div>
        <div className="flex flex-wrap items-center gap-1.5">
          {template.mimeType !== undefined && <Badge>{template.mimeType}</Badge>}
          <AnnotationBadges annotations={template.annotations} />
        </div>
        {template.description !== undefined && (
          <p className="text-sm whitespace-pre-wrap text-zinc-600 dark:text-zinc-400">
            {template.description}
          </p>
        )}
        <IconStrip icons={template.icons} />
      </header>
      {problems.length > 0 && (
        <ul className="list-disc space-y-0.5 pl-5 text-xs text-amber-700 dark:text-amber-400">
          {problems.map((p) => (
            <li key={p}>Not RFC 6570: {p} (kept as literal text)</li>
          ))}
        </ul>
      )}
      <form
        onSubmit={onSubmit}
        className="space-y-3 rounded-lg border border-zinc-200 bg-zinc-50/60 p-3 dark:border-zinc-800 dark:bg-zinc-900/40"
        aria-label="Template variables"
      >
        {vars.length === 0 && (
          <p className="text-sm text-zinc-500">This template has no variables.</p>
        )}
        {vars.map((v) => {
          const id = `tpl-${ctx.sessionId}-${v.name}`;
          return (
            <div key={v.name} className="space-y-1">
              <label htmlFor={id} className="flex items-baseline gap-2 text-sm">
                <span className="font-mono font-medium">{v.name}</span>
                <code className="text-[11px] text-zinc-500">{spelled(v)}</code>
                {v.explode && (
                  <span className="text-[11px] text-zinc-500">comma-separated for a list</span>
                )}
              </label>
              <CompletionInput
                id={id}
                argument={v.name}
                value={values[v.name] ?? ''}
                onChange={(value) => setValue(v.name, value)}
                source={
                  completions && ctx.canSend && uriTemplate !== ''
                    ? {
                        sessionId: ctx.sessionId,
                        reference: { type: 'ref/resource', uri: uriTemplate },
                        context: otherValues(values, v.name),
                      }
                    : undefined
                }
                placeholder={completions ? 'Type for suggestions' : undefined}
              />
            </div>
          );
        })}
        <div className="space-y-1">
          <p className="text-xs text-zinc-500">Expands to</p>
          <code
            className="block rounded bg-white px-2 py-1 text-xs break-all text-zinc-800 dark:bg-zinc-950 dark:text-zinc-200"
            data-testid="expanded-uri"
          >
            {uri || '(empty)'}
          </code>
          {missing.length > 0 && (
            <p className="text-[11px] text-zinc-500">Empty, so left out: {missing.join(', ')}</p>
          )}
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <Button
            type="submit"
            variant="primary"
            disabled={!ctx.canSend || read?.pending === true || uri === ''}
            title={`resources/read ${uri}`}
          >
            {read?.pending === true && <Loader2 size={14} className="animate-spin" />}
            Read
          </Button>
          {ctx.canSubscribe && uri !== '' && (
            <SubscribeButton
              sessionId={ctx.sessionId}
              uri={uri}
              row={ctx.subscriptions.get(uri)}
              canSend={ctx.canSend}
            />
          )}
          {!completions && vars.length > 0 && (
            <span className="text-xs text-zinc-500">
              The server has no <code>completions</code> capability: no suggestions.
            </span>
          )}
        </div>
      </form>
      <ReadResultView sessionId={ctx.sessionId} read={read} />
      <RawJson value={template.raw} label="Listed as (resources/templates/list entry)" />
    </div>
  );
}
