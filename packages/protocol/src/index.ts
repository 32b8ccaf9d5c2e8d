export * from './server-config.js';
export * from './config-file.js';
export * from './traffic.js';
export * from './recording.js';
export * from './classify.js';
export * from './errors.js';
export * from './wire.js';
export * from './oauth.js';
