// The one settings table (src/settings/limits.json), shared with the app: the runner checks its flags
// against the same ranges the notebook schema, the runtime checks and the UI controls use.
import { readFileSync } from 'node:fs';

export const LIMITS = JSON.parse(readFileSync(new URL('../../src/settings/limits.json', import.meta.url), 'utf8'));
