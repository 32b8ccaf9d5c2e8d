import { z } from 'zod';
import { openParsed, useOpenError } from '../features/recordings/open-recording';
import { onMainThread } from '../lib/read-recording';
import { useReportInfo } from '../lib/report-mode';
import { embeddedText } from './start-reading';

/** The first line: the file the report was made from, by which mcpscope, what it tolerated. */
export const ReportMetaSchema = z.object({
  file: z.string(),
  generator: z.string(),
  warnings: z.array(z.string()),
});

const AGAIN = 'export it again with mcpscope export FILE --html OUT.html';

/** Reads the embedded recording and opens it as the page's one, read-only, session. */
export async function openEmbeddedRecording(): Promise<void> {
  let text: string;
  try {
    text = await embeddedText;
  } catch (error) {
    useOpenError.setState({
      message: `This report's recording cannot be read (${(error as Error).message}); ${AGAIN}`,
    });
    return;
  }
  const newline = text.indexOf('\n');
  const meta = ReportMetaSchema.safeParse(
    safeJson(text.slice(0, newline < 0 ? undefined : newline)),
  );
  if (!meta.success) {
    useOpenError.setState({ message: `This report was not written by mcpscope export; ${AGAIN}` });
    return;
  }
  useReportInfo.setState({ file: meta.data.file, generator: meta.data.generator });
  // 'own': the exporter wrote these entries from its reader's checked ones (EntryCheck).
  const read = await onMainThread(
    newline < 0 ? '' : text.slice(newline + 1),
    meta.data.file,
    'own',
  );
  if (read.ok) read.recording.warnings.unshift(...meta.data.warnings);
  openParsed(read);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
