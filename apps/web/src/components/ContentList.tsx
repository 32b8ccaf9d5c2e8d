import { ContentBlock } from './ContentBlock';
import { JsonView } from './JsonView';

/**
 * A list of MCP content blocks (a tool result's `content`, a prompt's messages' content).
 * Anything that is not an array of objects is still shown, as JSON, with what is wrong.
 */
export function ContentList({ content, sessionId }: { content: unknown; sessionId?: string }) {
  if (!Array.isArray(content)) {
    return (
      <div className="text-xs">
        <p className="mb-1 text-amber-700 dark:text-amber-400">
          <code>content</code> is {content === undefined ? 'missing' : 'not an array'}; shown as
          sent.
        </p>
        {content !== undefined && <JsonView value={content} />}
      </div>
    );
  }
  if (content.length === 0)
    return <p className="text-xs text-zinc-500 italic">No content blocks.</p>;
  return (
    <ol className="space-y-2" aria-label="Content blocks">
      {content.map((block: unknown, i) => (
        <li key={i}>
          {typeof block === 'object' && block !== null && !Array.isArray(block) ? (
            <ContentBlock block={block as Record<string, unknown>} sessionId={sessionId} />
          ) : (
            <div className="rounded-md border border-amber-300 p-2 text-xs dark:border-amber-800">
              <p className="mb-1 text-amber-700 dark:text-amber-400">Block {i} is not an object.</p>
              <JsonView value={block} />
            </div>
          )}
        </li>
      ))}
    </ol>
  );
}
