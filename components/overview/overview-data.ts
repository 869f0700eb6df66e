import { z } from "zod";

/**
 * The overview's figures as the browser gets them (the page's first render and every
 * poll of GET /api/overview), checked with one schema: dates travel as ISO text.
 */
const count = z.number().int().min(0);
export const overviewDataSchema = z.object({
  query: z.object({ from: z.string(), to: z.string(), tz: z.string() }),
  breaker: z.enum(["closed", "open", "half-open"]),
  totals: z.object({
    callsTaken: count,
    writtenBack: count,
    accepted: count,
    attention: count,
    waiting: count,
    oldestWaiting: z.string().nullable(),
  }),
  buckets: z.array(z.object({ start: z.string(), accepted: count, retried: count, attention: count })),
  statuses: z.array(z.object({ code: z.string().nullable(), count })),
  failCodes: z.array(z.object({ code: z.string().nullable(), count })),
  agents: z.array(
    z.object({
      userId: z.number(),
      username: z.string(),
      callsDone: count,
      accepted: count,
      attention: count,
      avgHandleSeconds: z.number().nullable(),
      avgWrapUpSeconds: z.number().nullable(),
      lastActivity: z.string(),
    }),
  ),
  tasks: z.array(
    z.object({
      serviceId: z.string(),
      pool: count,
      takenInRange: count,
      acceptedInRange: count,
      lastError: z.string().nullable(),
      lastErrorAt: z.string().nullable(),
    }),
  ),
});
export type OverviewData = z.infer<typeof overviewDataSchema>;

/** The server's figures (with Dates) as the browser's JSON shape. */
export function toOverviewData(value: unknown): OverviewData {
  return overviewDataSchema.parse(JSON.parse(JSON.stringify(value)));
}
