import { Badge } from '../../components/Badge';
import type { AnnotationsView } from '../../lib/mcp-shapes';

/** `annotations` of a resource or template: audience, priority, lastModified. */
export function AnnotationBadges({ annotations }: { annotations: AnnotationsView | undefined }) {
  if (annotations === undefined) return null;
  return (
    <>
      {annotations.audience.length > 0 && (
        <Badge tone="violet" title="annotations.audience">
          for {annotations.audience.join(', ')}
        </Badge>
      )}
      {annotations.priority !== undefined && (
        <Badge tone="violet" title="annotations.priority (0 = optional, 1 = required)">
          priority {annotations.priority}
        </Badge>
      )}
      {annotations.lastModified !== undefined && (
        <Badge title="annotations.lastModified">modified {annotations.lastModified}</Badge>
      )}
    </>
  );
}
