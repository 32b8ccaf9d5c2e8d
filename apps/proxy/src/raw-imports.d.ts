/**
 * `import text from './file?raw'`: the file's contents as a string. Vitest (Vite) does this
 * natively; build.mjs gives esbuild the same with a small plugin.
 */
declare module '*?raw' {
  const text: string;
  export default text;
}
