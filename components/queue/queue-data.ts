import "@/lib/zod-browser";
import { z } from "zod";
import { deliveryStates } from "@/lib/db/enums";

/**
 * One page of the write-back queue as the browser receives it (the page's first render and
 * GET /api/queue, which the page polls): times as ISO text, `now` the server's clock so the
 * ages are the same on server and browser.
 */
export const queueViewSchema = z.object({
  now: z.string(),
  total: z.number().int().min(0),
  pageSize: z.number().int().min(1),
  counts: z.partialRecord(z.enum(deliveryStates), z.number().int().min(0)),
  rows: z.array(
    z.object({
      id: z.number().int(),
      callId: z.number().int(),
      serviceId: z.string(),
      uniqueId: z.string(),
      state: z.enum(deliveryStates),
      attempts: z.number().int(),
      createdAt: z.string(),
      sentBy: z.string().nullable(),
      bulkId: z.number().int().nullable(),
      interface: z.enum(["midresult", "result"]),
      lastError: z.string().nullable(),
    }),
  ),
});
export type QueueView = z.infer<typeof queueViewSchema>;
export type QueueViewRow = QueueView["rows"][number];
