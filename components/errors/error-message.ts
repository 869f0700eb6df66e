import { DATABASE_UNAVAILABLE_DIGEST } from "@/lib/db/unavailable-digest";

/**
 * Which message a failed page shows, chosen by the error's digest: the server sets
 * DATABASE_UNAVAILABLE (lib/db/errors.ts) for a database it cannot reach; any other failure
 * gets a general message. The words are next-intl messages (errors.page.*); the error's own
 * text never reaches the screen (in production Next.js replaces it anyway).
 */

export function errorMessageKeys(digest: string | undefined): {
  title: "databaseTitle" | "title";
  text: "databaseText" | "text";
} {
  return digest === DATABASE_UNAVAILABLE_DIGEST
    ? { title: "databaseTitle", text: "databaseText" }
    : { title: "title", text: "text" };
}
