import "@/lib/zod-browser";
import { z } from "zod/mini";

/**
 * The write-back status route's answer as the call page checks it: a write-back's id, state
 * and whether it is final. On its own so that the page loads zod when it first asks, not in
 * its first load (issue 12).
 */
export const statusAnswer = z.looseObject({ id: z.number(), state: z.string(), final: z.boolean() });
