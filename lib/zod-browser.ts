// zod/mini and zod share one core and one configuration: this covers both.
import { z } from "zod/mini";

/**
 * Imported first by every module that builds zod schemas and runs in the browser. zod 4
 * probes once with `new Function("")` whether it may compile faster parsers; the
 * Content-Security-Policy forbids eval, and Chromium reports the blocked probe as a
 * violation even though zod catches it. `jitless` skips the probe (and the compiling) in
 * the browser only; the server keeps the fast path. It must run before the first object
 * schema is built, hence an import at the top rather than a call somewhere.
 */
if (typeof window !== "undefined") z.config({ jitless: true });
