import pkg from '../package.json' with { type: 'json' };

/** This package's version. */
export const VERSION: string = pkg.version;

/** How mcpscope introduces itself to servers. */
export const CLIENT_INFO = { name: 'mcpscope', version: VERSION } as const;
