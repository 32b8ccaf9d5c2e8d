import type { ParseEnd } from './recording-file';

/**
 * The page asks the recording worker to read one file. A Blob (a dropped File, a fetched
 * body) crosses by reference: the worker decodes the text, not the page.
 */
export interface ToWorker {
  file: Blob;
  name: string;
}

/**
 * What the worker sends back: slices of checked entries, then how the read ended. A slice is
 * the JSON text of an array of entries: the page parses it with one `JSON.parse`, which is
 * several times cheaper on its main thread than receiving the same objects by structured
 * clone (measured: 100,000 entries, ~0.6 s to clone, under half that to parse).
 */
export type ToPage = { type: 'slice'; json: string } | { type: 'end'; end: ParseEnd };
