import { z } from 'zod';

// The CSP forbids eval, so zod must not compile parsers with `new Function`. Object schemas read this flag when
// they are constructed, so this module is imported first, before anything that builds a schema.
z.config({ jitless: true });
