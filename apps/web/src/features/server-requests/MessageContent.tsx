import { Wrench } from 'lucide-react';
import { Badge } from '../../components/Badge';
import { ContentBlock } from '../../components/ContentBlock';
import { ContentList } from '../../components/ContentList';
import { JsonView } from '../../components/JsonView';

type Block = Record<string, unknown>;

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/**
 * The content of a sampling message: one block or, since 2025-11-25, a list of them. The
 * shared ContentBlock renders what tool results and prompts also carry; `tool_use` and
 * `tool_result` exist only in sampling, so they are drawn here.
 */
export function MessageContent({ content, sessionId }: { content: unknown; sessionId: string }) {
  const blocks: unknown[] = Array.isArray(content) ? (content as unknown[]) : [content];
  return (
    <div className="space-y-2">
      {blocks.map((block, i) => (
        <BlockView key={i} block={block} sessionId={sessionId} />
      ))}
    </div>
  );
}

function BlockView({ block, sessionId }: { block: unknown; sessionId: string }) {
  if (typeof block !== 'object' || block === null || Array.isArray(block))
    return (
      <div className="pl-4">
        <JsonView value={block} />
      </div>
    );
  const b = block as Block;
  if (b['type'] === 'tool_use')
    return (
      <div className="rounded-md border border-zinc-200 p-2.5 dark:border-zinc-800">
        <p className="mb-1.5 flex items-center gap-1.5 text-xs">
          <Badge tone="violet">tool_use</Badge>
          <Wrench size={12} className="text-zinc-400" />
          <code className="font-medium">{str(b['name'])}</code>
          <span className="text-zinc-500">id {str(b['id'])}</span>
        </p>
        <div className="pl-4">
          <JsonView value={b['input']} />
        </div>
      </div>
    );
  if (b['type'] === 'tool_result')
    return (
      <div className="rounded-md border border-zinc-200 p-2.5 dark:border-zinc-800">
        <p className="mb-1.5 flex items-center gap-1.5 text-xs">
          <Badge tone={b['isError'] === true ? 'red' : 'violet'}>tool_result</Badge>
          <span className="text-zinc-500">for {str(b['toolUseId'])}</span>
          {b['isError'] === true && <Badge tone="red">isError</Badge>}
        </p>
        <ContentList content={b['content']} sessionId={sessionId} />
      </div>
    );
  return <ContentBlock block={b} sessionId={sessionId} />;
}
