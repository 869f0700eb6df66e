/**
 * The query keys of the review's filter (lib/review/filter.ts), the widest set of filters
 * the product's own links carry; the call list's (state, serviceId, page) are among them.
 * No imports: proxy.ts passes exactly these on (lib/auth/request-path.ts) for every request.
 */
export const reviewFilterKeys = [
  "agent",
  "serviceId",
  "state",
  "status",
  "failCode",
  "dateField",
  "from",
  "to",
  "tz",
  "sort",
  "dir",
  "page",
] as const;
