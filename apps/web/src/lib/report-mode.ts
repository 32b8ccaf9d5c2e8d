import { create } from 'zustand';

/**
 * True in the HTML report (`mcpscope export --html`): the app built as one static file that
 * shows the recording embedded in it, with no proxy behind it (see src/report/). A build-time
 * constant, so the report's bundle can drop what only a live page needs.
 */
export const REPORT_MODE: boolean = import.meta.env.MODE === 'report';

/** What the report says about itself: the file it was made from and the mcpscope that made it. */
export const useReportInfo = create<{ file?: string; generator?: string }>(() => ({}));
