import { EVERYTHING_STDIO } from '../helpers/paths.js';
import { everythingSuite } from '../helpers/everything-suite.js';

// Each call spawns its own server; the suite checks that none is left behind in cli-stdio.
everythingSuite('stdio', () => [...EVERYTHING_STDIO]);
