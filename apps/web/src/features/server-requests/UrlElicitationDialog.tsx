import { AlertTriangle, Check, ExternalLink } from 'lucide-react';
import { useState } from 'react';
import { Button } from '../../components/Button';
import { CopyButton } from '../../components/CopyButton';
import { AnswerLayout } from './AnswerLayout';
import type { AnswerFn } from './pending-queue';
import { useAnswer } from './use-answer';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);
const WEB_PROTOCOLS = new Set(['http:', 'https:']);

/** What should make a careful human look twice before opening the URL. */
function warningsFor(url: URL): string[] {
  const warnings: string[] = [];
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname)))
    warnings.push(`It uses ${url.protocol} instead of https:.`);
  if (url.username !== '' || url.password !== '')
    warnings.push(
      `It has "${decodeURIComponent(url.username)}@" before the host: the page really opens on ${url.hostname}.`,
    );
  if (url.hostname.split('.').some((label) => label.startsWith('xn--')))
    warnings.push(
      'The host has internationalised (punycode) labels: check it is the site you expect.',
    );
  if (/^\d+\.\d+\.\d+\.\d+$/.test(url.hostname) || url.hostname.startsWith('['))
    warnings.push('The host is a bare IP address, not a name.');
  return warnings;
}

/**
 * `elicitation/create` in URL mode: the server wants the user to visit a page (sign-in,
 * payment…). The host is what to check, so it is shown apart; nothing opens until clicked.
 */
export function UrlElicitationDialog({
  params,
  onAnswer,
}: {
  params: Record<string, unknown>;
  onAnswer: AnswerFn;
}) {
  const { busy, error, send } = useAnswer(onAnswer);
  const [opened, setOpened] = useState(false);
  const raw = typeof params['url'] === 'string' ? params['url'] : '';
  const parsed = URL.canParse(raw) ? new URL(raw) : undefined;
  // Only a web page is offered to open: javascript:, data:, file: and custom schemes are
  // shown as text (only the CSP stood between a javascript: URL and running it here).
  const url = parsed !== undefined && WEB_PROTOCOLS.has(parsed.protocol) ? parsed : undefined;
  const warnings = url === undefined ? [] : warningsFor(url);

  return (
    <AnswerLayout
      error={error}
      footer={
        <>
          <Button
            variant="ghost"
            disabled={busy}
            onClick={() => send({ result: { action: 'cancel' } })}
          >
            Cancel
          </Button>
          <Button disabled={busy} onClick={() => send({ result: { action: 'decline' } })}>
            Decline
          </Button>
          <span className="flex-1" />
          {!opened && (
            <span className="text-xs text-zinc-500">
              Accept tells the server you will complete the flow.
            </span>
          )}
          <Button
            variant="primary"
            disabled={busy}
            onClick={() => send({ result: { action: 'accept' } })}
          >
            <Check size={14} /> {busy ? 'Sending…' : 'Accept'}
          </Button>
        </>
      }
    >
      <div className="space-y-4 p-4">
        {typeof params['message'] === 'string' && (
          <p className="rounded-md border-l-4 border-indigo-500 bg-indigo-50 px-3 py-2 text-sm whitespace-pre-wrap dark:bg-indigo-950/40">
            {params['message']}
          </p>
        )}
        <div className="space-y-2 rounded-lg border border-zinc-300 p-4 dark:border-zinc-700">
          <p className="text-xs font-semibold tracking-wide text-zinc-500 uppercase">
            The server asks you to open
          </p>
          {url === undefined && parsed !== undefined ? (
            <div className="space-y-2" role="alert" aria-label="Not a web URL">
              <p className="font-mono text-sm break-all" aria-label="Full URL">
                {raw}
              </p>
              <p className="flex items-start gap-1.5 text-sm text-red-700 dark:text-red-400">
                <AlertTriangle size={14} className="mt-0.5 shrink-0" />
                This is a {parsed.protocol} URL, not an http(s) web page, so mcpscope does not open
                it. A server should only ask you to visit http(s) pages: decline, and report it to
                the server&apos;s author.
              </p>
              <CopyButton text={() => raw} label="Copy URL" />
            </div>
          ) : url === undefined ? (
            <p className="text-sm text-red-700 dark:text-red-400">
              <code>{raw || '(no url)'}</code> is not a valid URL. Decline, and report it to the
              server&apos;s author.
            </p>
          ) : (
            <>
              <p className="text-2xl font-semibold tracking-tight break-all" aria-label="Host">
                {url.host}
              </p>
              <p className="font-mono text-sm break-all" aria-label="Full URL">
                <span className="text-zinc-400">{url.protocol}//</span>
                {(url.username !== '' || url.password !== '') && (
                  <span className="rounded bg-red-100 px-0.5 text-red-800 dark:bg-red-900/50 dark:text-red-300">
                    {url.username}
                    {url.password !== '' && ':…'}@
                  </span>
                )}
                <span className="rounded bg-amber-100 px-0.5 font-bold text-zinc-900 dark:bg-amber-500/30 dark:text-white">
                  {url.host}
                </span>
                <span className="text-zinc-500">
                  {url.pathname}
                  {url.search}
                  {url.hash}
                </span>
              </p>
              {warnings.length > 0 && (
                <ul className="space-y-1 text-sm text-amber-700 dark:text-amber-400">
                  {warnings.map((w) => (
                    <li key={w} className="flex items-start gap-1.5">
                      <AlertTriangle size={14} className="mt-0.5 shrink-0" /> {w}
                    </li>
                  ))}
                </ul>
              )}
              <div className="flex items-center gap-2 pt-1">
                <Button
                  variant="primary"
                  onClick={() => {
                    window.open(url.href, '_blank', 'noopener,noreferrer');
                    setOpened(true);
                  }}
                >
                  <ExternalLink size={14} /> Open URL
                </Button>
                <CopyButton text={() => url.href} label="Copy URL" />
                {opened && (
                  <span className="text-xs text-emerald-700 dark:text-emerald-400">
                    opened in a new tab
                  </span>
                )}
              </div>
            </>
          )}
        </div>
        {typeof params['elicitationId'] === 'string' && (
          <p className="text-xs text-zinc-500">
            elicitationId <code>{params['elicitationId']}</code>
          </p>
        )}
      </div>
    </AnswerLayout>
  );
}
