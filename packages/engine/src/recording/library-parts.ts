// What RecordingLibrary loads on first use (see library.ts): named imports, so the bundler
// takes only these from the protocol package.
export { describeTarget, parseRecordingHeader } from '@mcpscope/protocol';
export { RecordingWriter } from './writer.js';
