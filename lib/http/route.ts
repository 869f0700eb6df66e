import "server-only";
import { isDatabaseUnavailable } from "@/lib/db/errors";
import { log } from "@/lib/log";

/** The JSON body of a 503: `{ error: { code, message } }`, the message for a person. */
export function databaseUnavailableResponse(): Response {
  return Response.json(
    {
      error: {
        code: "database_unavailable",
        message:
          "Preview Desk cannot reach its database just now. Nothing was changed; try again in a minute.",
      },
    },
    { status: 503, headers: { "Retry-After": "10", "Cache-Control": "no-store" } },
  );
}

/**
 * Every route handler is wrapped in this: a database that cannot be reached answers 503 with
 * a JSON body instead of Next.js's bare 500. Anything else is a bug and is thrown on.
 */
export function handleRoute<A extends unknown[]>(
  handler: (...args: A) => Promise<Response> | Response,
): (...args: A) => Promise<Response> {
  return async (...args: A) => {
    try {
      return await handler(...args);
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw error;
      log().error({ event: "database_unavailable", err: error }, "a request failed: database unavailable");
      return databaseUnavailableResponse();
    }
  };
}
