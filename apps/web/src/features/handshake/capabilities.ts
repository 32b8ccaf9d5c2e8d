/** Plain-language meaning of each capability, for the handshake view. */
export const SERVER_CAPABILITIES: Record<string, string> = {
  tools: 'offers tools the client can call',
  resources: 'offers resources the client can read',
  prompts: 'offers prompt templates',
  logging:
    'sends log messages; the client sets the level (logging/setLevel, or since 2026-07-28 the logLevel in each request’s _meta)',
  completions: 'suggests values for prompt and resource-template arguments (completion/complete)',
  tasks: 'can run requests as long-lived tasks',
  experimental: 'non-standard features',
};

export const CLIENT_CAPABILITIES: Record<string, string> = {
  sampling:
    'the server may ask the client to run an LLM (sampling/createMessage); a human answers here',
  elicitation: 'the server may ask the user for input (elicitation/create)',
  roots: 'the server may ask which directories it may use (roots/list)',
  experimental: 'non-standard features',
};

/** Sub-flags worth a sentence. */
export const SUB_FLAGS: Record<string, string> = {
  listChanged: 'notifies when the list changes',
  subscribe: 'supports subscriptions to resource updates',
  form: 'form mode',
  url: 'URL mode',
};
