import "@/lib/zod-browser";
import { z } from "zod/mini";
import { safeTextMini } from "@/lib/validation/text-mini";
import { DEFAULT_VIEW, listStates, listViews } from "./list-params";

/**
 * The list's filters. State, task and page travel in the page's URL (a link copied from
 * the address bar shows the same list to a colleague) and in GET /api/calls. The search
 * text `q` never does: it is a phone number or a customer id, personal data that must not
 * reach an address bar, a browser history, a proxy's access log or a shared link. It lives
 * only in the page and is sent in the body of POST /api/calls. Shared by the route
 * handler, the page and the browser: no server imports here. What the list page needs at
 * its first paint is in ./list-params.ts, without zod (issue 12), and re-exported here; the
 * browser loads these schemas when it first parses an address or an answer.
 */

export * from "./list-params";

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
/** A blank value is no value: the schema's default or absence applies. */
const unlessBlank = <T extends z.core.$ZodType>(schema: T) =>
  z.pipe<z.ZodMiniTransform<unknown, unknown>, T>(z.transform(blankToUndefined), schema);

// zod/mini: this schema runs in the browser too (the list page), where it should weigh little.
export const listQuerySchema = z.object({
  view: unlessBlank(
    z._default(z.enum(listViews, { error: `view must be one of ${listViews.join(", ")}` }), DEFAULT_VIEW),
  ),
  state: unlessBlank(
    z.optional(z.enum(listStates, { error: `state must be one of ${listStates.join(", ")}` })),
  ),
  serviceId: unlessBlank(
    z.optional(
      safeTextMini("serviceId").check(z.trim(), z.maxLength(64, "serviceId must be at most 64 characters")),
    ),
  ),
  q: unlessBlank(
    z.optional(safeTextMini("q").check(z.trim(), z.maxLength(64, "q must be at most 64 characters"))),
  ),
  page: unlessBlank(
    z._default(
      z.coerce
        .number({ error: "page must be a whole number from 1" })
        .check(
          z.int("page must be a whole number from 1"),
          z.minimum(1, "page must be a whole number from 1"),
          z.maximum(100_000, "page must be at most 100000"),
        ),
      1,
    ),
  ),
});

export type ListQuery = z.output<typeof listQuerySchema>;

/** One row of the list as JSON: dates as ISO text. */
export const callListItemSchema = z.object({
  id: z.int(),
  serviceId: z.string(),
  uniqueId: z.string(),
  phoneNumbers: z.array(z.string()),
  fetchTime: z.string(),
  createdAt: z.string(),
  writeBackState: z.enum(listStates),
  lastWriteBackAt: z.nullable(z.string()),
});

export const callListPageSchema = z.object({
  rows: z.array(callListItemSchema),
  total: z.int(),
  /** More calls match than are counted exactly: total is an estimate ("about"). */
  estimated: z.boolean(),
  page: z.int(),
  pageSize: z.int(),
});

export type CallListItem = z.infer<typeof callListItemSchema>;
export type CallListPage = z.infer<typeof callListPageSchema>;
