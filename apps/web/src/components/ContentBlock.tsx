import { dataUri, decodeBase64, download, fileName, TEXT_PREVIEW } from '../lib/content-files';
import { Download, FileText, Link2, Loader2 } from 'lucide-react';
import { useMemo, useState, type ReactNode } from 'react';
import { actions, type Outcome } from '../lib/inspector';
import { useApp } from '../lib/store';
import { Badge } from './Badge';
import { CopyButton } from './CopyButton';
import { JsonView } from './JsonView';
import { base64Bytes, formatBytes } from '../lib/format';

/** Text longer than this starts folded, so a multi-megabyte block does not stall the page. */

type Block = Record<string, unknown>;

/**
 * One MCP content block (a tool result item, a prompt message's content, a resource's
 * contents): text, image, audio, resource_link, embedded resource, or anything else as JSON.
 * The server's payload is shown as sent; nothing here throws on a malformed block.
 * `sessionId` is where a resource_link is read; it defaults to the session on screen.
 */
export function ContentBlock({
  block,
  sessionId,
}: {
  block: Record<string, unknown>;
  sessionId?: string;
}) {
  const type = typeof block.type === 'string' ? block.type : undefined;
  switch (type) {
    case 'text':
      if (typeof block.text === 'string')
        return (
          <Frame block={block} label="text">
            <TextBody text={block.text} />
          </Frame>
        );
      break;
    case 'image':
      if (typeof block.data === 'string')
        return (
          <Frame block={block} label="image" meta={mimeAndSize(block)}>
            <ImageBody data={block.data} mimeType={str(block.mimeType)} />
          </Frame>
        );
      break;
    case 'audio':
      if (typeof block.data === 'string')
        return (
          <Frame block={block} label="audio" meta={mimeAndSize(block)}>
            <AudioBody data={block.data} mimeType={str(block.mimeType)} />
          </Frame>
        );
      break;
    case 'resource_link':
      if (typeof block.uri === 'string')
        return (
          <Frame block={block} label="resource_link">
            <ResourceLinkBody block={block} sessionId={sessionId} />
          </Frame>
        );
      break;
    case 'resource':
      if (isObject(block.resource))
        return (
          <Frame block={block} label="resource">
            <ResourceContents contents={block.resource} />
          </Frame>
        );
      break;
  }
  return (
    <Frame block={block} label={type ?? 'unknown'} tone="amber">
      <p className="mb-1 text-xs text-zinc-500">
        {type === undefined
          ? 'Block without a string "type"; shown as sent.'
          : ['text', 'image', 'audio', 'resource_link', 'resource'].includes(type)
            ? `Malformed "${type}" block (a required field is missing or not a string); shown as sent.`
            : `Content type "${type}" is not one mcpscope renders; shown as sent.`}
      </p>
      <JsonView value={block} expandDepth={2} />
    </Frame>
  );
}

/**
 * The contents of a resource as `resources/read` returns them and as an embedded `resource`
 * block carries them: `{uri, mimeType?, text}` or `{uri, mimeType?, blob}`.
 */
export function ResourceContents({ contents }: { contents: Block }) {
  const uri = str(contents.uri);
  const mimeType = str(contents.mimeType);
  return (
    <div className="space-y-1.5">
      <div className="flex flex-wrap items-center gap-1.5 text-xs">
        <FileText size={13} className="shrink-0 text-zinc-400" />
        <code className="break-all text-zinc-700 dark:text-zinc-300">{uri ?? '(no uri)'}</code>
        {mimeType !== undefined && <Badge>{mimeType}</Badge>}
        {typeof contents.blob === 'string' && (
          <Badge>{formatBytes(base64Bytes(contents.blob))}</Badge>
        )}
      </div>
      {typeof contents.text === 'string' ? (
        <TextBody text={contents.text} />
      ) : typeof contents.blob === 'string' ? (
        <BlobBody blob={contents.blob} mimeType={mimeType} uri={uri} />
      ) : (
        <>
          <p className="text-xs text-amber-700 dark:text-amber-400">
            Neither <code>text</code> nor <code>blob</code> is a string; shown as sent.
          </p>
          <JsonView value={contents} />
        </>
      )}
    </div>
  );
}

function Frame({
  block,
  label,
  meta,
  tone = 'blue',
  children,
}: {
  block: Block;
  label: string;
  meta?: string;
  tone?: 'blue' | 'amber';
  children: ReactNode;
}) {
  const annotations = isObject(block.annotations) ? block.annotations : undefined;
  return (
    <div
      className="rounded-md border border-zinc-200 bg-white p-2.5 dark:border-zinc-800 dark:bg-zinc-900/40"
      data-content-type={label}
    >
      <div className="mb-1.5 flex flex-wrap items-center gap-1.5">
        <Badge tone={tone}>{label}</Badge>
        {meta !== undefined && <span className="text-[11px] text-zinc-500">{meta}</span>}
        {annotations !== undefined && <Annotations annotations={annotations} />}
      </div>
      {children}
      {isObject(block._meta) && (
        <details className="mt-1.5 text-xs">
          <summary className="cursor-pointer text-zinc-500">_meta</summary>
          <JsonView value={block._meta} expandDepth={1} />
        </details>
      )}
    </div>
  );
}

function Annotations({ annotations }: { annotations: Block }) {
  const audience = Array.isArray(annotations.audience) ? annotations.audience.map(String) : [];
  return (
    <>
      {audience.length > 0 && <Badge title="annotations.audience">for {audience.join(', ')}</Badge>}
      {typeof annotations.priority === 'number' && (
        <Badge title="annotations.priority">priority {annotations.priority}</Badge>
      )}
      {typeof annotations.lastModified === 'string' && (
        <Badge title="annotations.lastModified">modified {annotations.lastModified}</Badge>
      )}
    </>
  );
}

function TextBody({ text }: { text: string }) {
  const parsed = useMemo(() => parseJson(text), [text]);
  const [asJson, setAsJson] = useState(false);
  const [full, setFull] = useState(false);
  const long = text.length > TEXT_PREVIEW && !full;
  // The buttons float in the text's top right corner, so a one-line result stays one line.
  return (
    <div>
      <div className="max-h-[32rem] overflow-auto rounded bg-zinc-50 p-2 dark:bg-zinc-950">
        <div className="float-right ml-2 flex items-center gap-1 select-none">
          {parsed.ok && (
            <button
              type="button"
              aria-pressed={asJson}
              onClick={() => setAsJson(!asJson)}
              className="rounded px-1.5 py-0.5 text-xs text-zinc-500 hover:bg-zinc-200 hover:text-zinc-800 dark:hover:bg-zinc-800 dark:hover:text-zinc-100"
              title="The text parses as JSON"
            >
              {asJson ? 'Show as text' : 'Show as JSON'}
            </button>
          )}
          <CopyButton text={() => text} />
        </div>
        {asJson && parsed.ok ? (
          <JsonView value={parsed.value} />
        ) : (
          <pre className="font-mono text-xs break-words whitespace-pre-wrap text-zinc-800 dark:text-zinc-200">
            {long ? text.slice(0, TEXT_PREVIEW) : text}
            {text.length === 0 && <span className="text-zinc-400 italic">(empty string)</span>}
          </pre>
        )}
      </div>
      {long && !asJson && (
        <button
          type="button"
          className="mt-1 text-xs text-indigo-600 hover:underline dark:text-indigo-400"
          onClick={() => setFull(true)}
        >
          Show all {text.length.toLocaleString()} characters
        </button>
      )}
    </div>
  );
}

/** Images smaller than this are shown enlarged (crisp pixels) so a 16px icon can be seen. */
const SMALL_IMAGE = 64;

function ImageBody({ data, mimeType }: { data: string; mimeType: string | undefined }) {
  const [natural, setNatural] = useState<{ w: number; h: number }>();
  const [broken, setBroken] = useState(false);
  const src = dataUri(data, mimeType ?? 'image/png');
  const scale =
    natural !== undefined && natural.w > 0 && Math.max(natural.w, natural.h) < SMALL_IMAGE
      ? Math.floor(SMALL_IMAGE / Math.max(natural.w, natural.h)) + 1
      : 1;
  return (
    <div className="space-y-1">
      {broken ? (
        <p className="text-xs text-red-700 dark:text-red-400">
          The browser could not decode this image ({mimeType ?? 'no mimeType'}).
        </p>
      ) : (
        <img
          src={src}
          alt="Image content from the server"
          referrerPolicy="no-referrer"
          className="max-h-96 max-w-full rounded border border-zinc-200 bg-[repeating-conic-gradient(#e4e4e7_0%_25%,transparent_0%_50%)] bg-[length:16px_16px] dark:border-zinc-700"
          style={
            natural !== undefined && scale > 1
              ? { width: natural.w * scale, imageRendering: 'pixelated' }
              : undefined
          }
          onLoad={(e) =>
            setNatural({ w: e.currentTarget.naturalWidth, h: e.currentTarget.naturalHeight })
          }
          onError={() => setBroken(true)}
        />
      )}
      {natural !== undefined && (
        <p className="text-[11px] text-zinc-500">
          {natural.w}×{natural.h}px{scale > 1 && ` (shown ${scale}×)`}
        </p>
      )}
    </div>
  );
}

function AudioBody({ data, mimeType }: { data: string; mimeType: string | undefined }) {
  return (
    <audio controls src={dataUri(data, mimeType ?? 'audio/wav')} className="w-full max-w-md" />
  );
}

function BlobBody({
  blob,
  mimeType,
  uri,
}: {
  blob: string;
  mimeType: string | undefined;
  uri: string | undefined;
}) {
  const name = fileName(uri, mimeType);
  return (
    <div className="space-y-1.5">
      {mimeType?.startsWith('image/') === true && <ImageBody data={blob} mimeType={mimeType} />}
      {mimeType?.startsWith('audio/') === true && <AudioBody data={blob} mimeType={mimeType} />}
      {isTextual(mimeType) && <DecodedText blob={blob} />}
      <button
        type="button"
        onClick={() => downloadBase64(blob, mimeType, name)}
        className="inline-flex items-center gap-1 rounded border border-zinc-300 px-2 py-1 text-xs hover:bg-zinc-50 dark:border-zinc-700 dark:hover:bg-zinc-800"
      >
        <Download size={13} /> Download {name} ({formatBytes(base64Bytes(blob))})
      </button>
    </div>
  );
}

/** Mime types whose bytes are worth showing as text. */
function isTextual(mimeType: string | undefined): boolean {
  return (
    mimeType !== undefined &&
    (mimeType.startsWith('text/') ||
      /^application\/([\w.+-]*\+)?(json|xml|yaml|javascript|x-ndjson)\b/.test(mimeType))
  );
}

/** A text blob, decoded (UTF-8) for reading; undecodable bytes show as U+FFFD. */
function DecodedText({ blob }: { blob: string }) {
  const text = useMemo(() => {
    try {
      const bytes = Uint8Array.from(atob(blob.replace(/\s/g, '')), (c) => c.charCodeAt(0));
      return new TextDecoder().decode(bytes);
    } catch {
      return undefined;
    }
  }, [blob]);
  if (text === undefined)
    return <p className="text-xs text-red-700 dark:text-red-400">The blob is not valid base64.</p>;
  return (
    <div>
      <p className="mb-1 text-[11px] text-zinc-500">Decoded from base64 as UTF-8:</p>
      <TextBody text={text} />
    </div>
  );
}

type ReadState =
  | { state: 'idle' }
  | { state: 'reading' }
  | { state: 'done'; outcome: Outcome }
  | { state: 'failed'; message: string };

function ResourceLinkBody({ block, sessionId }: { block: Block; sessionId: string | undefined }) {
  const activeId = useApp((s) => s.activeSessionId);
  const target = sessionId ?? activeId;
  const [read, setRead] = useState<ReadState>({ state: 'idle' });
  const uri = String(block.uri);
  const title = str(block.title);
  const name = str(block.name);
  const onRead = (): void => {
    if (target === undefined) return;
    setRead({ state: 'reading' });
    actions.request(target, 'resources/read', { uri }).then(
      (outcome) => setRead({ state: 'done', outcome }),
      (error: unknown) => setRead({ state: 'failed', message: (error as Error).message }),
    );
  };
  return (
    <div className="space-y-1.5 text-sm">
      <div className="flex flex-wrap items-baseline gap-x-2 gap-y-1">
        <Link2 size={13} className="shrink-0 self-center text-zinc-400" />
        <span className="font-medium">{title ?? name ?? uri}</span>
        {title !== undefined && name !== undefined && (
          <code className="text-xs text-zinc-500">{name}</code>
        )}
        {str(block.mimeType) !== undefined && <Badge>{str(block.mimeType)}</Badge>}
        {typeof block.size === 'number' && <Badge>{formatBytes(block.size)}</Badge>}
      </div>
      <code className="block text-xs break-all text-zinc-600 dark:text-zinc-400">{uri}</code>
      {str(block.description) !== undefined && (
        <p className="text-xs whitespace-pre-wrap text-zinc-600 dark:text-zinc-400">
          {str(block.description)}
        </p>
      )}
      <div className="flex items-center gap-2">
        <button
          type="button"
          disabled={target === undefined || read.state === 'reading'}
          onClick={onRead}
          className="inline-flex items-center gap-1 rounded border border-zinc-300 px-2 py-1 text-xs hover:bg-zinc-50 disabled:opacity-60 dark:border-zinc-700 dark:hover:bg-zinc-800"
          title={`Send resources/read for ${uri}`}
        >
          {read.state === 'reading' && <Loader2 size={12} className="animate-spin" />}
          {read.state === 'done' ? 'Read again' : 'Read resource'}
        </button>
        {read.state === 'done' && (
          <button
            type="button"
            onClick={() => setRead({ state: 'idle' })}
            className="text-xs text-zinc-500 hover:underline"
          >
            Hide
          </button>
        )}
      </div>
      {read.state === 'failed' && (
        <p className="text-xs text-red-700 dark:text-red-400">{read.message}</p>
      )}
      {read.state === 'done' && <ReadResult outcome={read.outcome} />}
    </div>
  );
}

function ReadResult({ outcome }: { outcome: Outcome }) {
  if (!outcome.ok) {
    return (
      <div className="rounded border border-red-300 bg-red-50 p-2 text-xs text-red-800 dark:border-red-900 dark:bg-red-950/40 dark:text-red-300">
        <code className="font-semibold">
          {outcome.error !== undefined ? `${outcome.code} ${outcome.error.code}` : outcome.code}
        </code>{' '}
        {outcome.error?.message ?? outcome.message}
        {outcome.error?.data !== undefined && <JsonView value={outcome.error.data} />}
      </div>
    );
  }
  const contents =
    isObject(outcome.result) && Array.isArray(outcome.result.contents)
      ? outcome.result.contents
      : undefined;
  if (contents === undefined) {
    return (
      <div className="text-xs">
        <p className="text-amber-700 dark:text-amber-400">
          The result has no contents array; shown as sent.
        </p>
        <JsonView value={outcome.result} />
      </div>
    );
  }
  return (
    <div className="space-y-2 border-l-2 border-indigo-300 pl-2 dark:border-indigo-700">
      {contents.length === 0 && (
        <p className="text-xs text-zinc-500">The resource has no contents.</p>
      )}
      {contents.map((c: unknown, i) =>
        isObject(c) ? <ResourceContents key={i} contents={c} /> : <JsonView key={i} value={c} />,
      )}
    </div>
  );
}

function isObject(value: unknown): value is Block {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  const t = text.trimStart();
  if (!t.startsWith('{') && !t.startsWith('[')) return { ok: false };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

function mimeAndSize(block: Block): string {
  const size = typeof block.data === 'string' ? formatBytes(base64Bytes(block.data)) : '';
  return [str(block.mimeType) ?? 'no mimeType', size].filter(Boolean).join(' · ');
}

/** Saves base64 content as a file (text that is not base64 is saved as it is). */
function downloadBase64(base64: string, mimeType: string | undefined, name: string): void {
  download(decodeBase64(base64) ?? new TextEncoder().encode(base64), mimeType, name);
}
