/**
 * True in the HTML report (`mcpscope export --html`): the app built as one static file that
 * shows the recording embedded in it, with no proxy behind it (see apps/web/src/report/).
 * A build-time constant, so the report's bundle drops what only a live page needs.
 */
export const REPORT_MODE: boolean = import.meta.env.MODE === 'report';
