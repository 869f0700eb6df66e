/**
 * Runs once when a Next.js server process starts. Settings and catalogues are checked here
 * so that a wrong setting stops the server at once with a message naming it, rather than
 * failing the first request; the database is opened (and its data-folder lock taken).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startServer } = await import("./lib/server-start");
  await startServer();
}

/**
 * A request that failed on the server, logged once as structured JSON. Next.js prints the
 * error itself; this line says which request it was. The logger cuts the query string off
 * the path (lib/log.ts): a query can carry a phone number searched for or a password
 * typed by mistake. The error's message is not logged here: a failed query's message can
 * quote its parameters.
 */
export async function onRequestError(
  error: unknown,
  request: { path: string; method: string },
  context: { routePath: string; routeType: string },
) {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { log } = await import("./lib/log");
  const digest =
    typeof error === "object" && error !== null && "digest" in error ? String(error.digest) : undefined;
  log().error(
    {
      event: "request_error",
      method: request.method,
      path: request.path,
      route: context.routePath,
      routeType: context.routeType,
      errorName: error instanceof Error ? error.name : typeof error,
      digest,
    },
    "request failed",
  );
}
