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
