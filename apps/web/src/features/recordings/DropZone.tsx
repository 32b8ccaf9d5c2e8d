import { FileDown } from 'lucide-react';
import { useEffect, useState } from 'react';
import { openFile } from './open-recording';

function hasFiles(event: DragEvent): boolean {
  return event.dataTransfer?.types.includes('Files') === true;
}

/** Drop a .jsonl recording anywhere on the page to open it read-only. */
export function DropZone() {
  const [over, setOver] = useState(false);
  useEffect(() => {
    let depth = 0;
    const enter = (event: DragEvent): void => {
      if (!hasFiles(event)) return;
      depth++;
      setOver(true);
    };
    const leave = (): void => {
      depth = Math.max(0, depth - 1);
      if (depth === 0) setOver(false);
    };
    const dragOver = (event: DragEvent): void => {
      if (hasFiles(event)) event.preventDefault();
    };
    const drop = (event: DragEvent): void => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      depth = 0;
      setOver(false);
      const file = event.dataTransfer?.files[0];
      if (file !== undefined) void openFile(file);
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragleave', leave);
    window.addEventListener('dragover', dragOver);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('dragover', dragOver);
      window.removeEventListener('drop', drop);
    };
  }, []);
  if (!over) return null;
  return (
    <div className="pointer-events-none fixed inset-0 z-50 flex items-center justify-center bg-violet-950/30 p-8 backdrop-blur-[1px]">
      <div className="flex flex-col items-center gap-2 rounded-xl border-2 border-dashed border-violet-400 bg-white px-10 py-8 text-center shadow-xl dark:bg-zinc-900">
        <FileDown className="text-violet-600 dark:text-violet-300" size={28} />
        <p className="font-semibold">Drop a recording to open it</p>
        <p className="text-sm text-zinc-500">
          An mcpscope .jsonl recording opens read-only, with a timeline.
        </p>
      </div>
    </div>
  );
}
