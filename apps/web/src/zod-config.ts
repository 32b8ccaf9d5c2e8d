import { z } from 'zod';

// The page's Content-Security-Policy allows no eval. zod probes for it (the probe logs a CSP
// violation) when the first object schema is built, so this module must be imported before
// any schema exists: it is main.tsx's first import.
z.config({ jitless: true });
