import { DATABASE_UNAVAILABLE_DIGEST } from "@/lib/db/unavailable-digest";

/**
 * What a person is told when a page fails, chosen by the error's digest: the server sets
 * DATABASE_UNAVAILABLE (lib/db/errors.ts) for a database it cannot reach; any other failure
 * gets a general message. The error's own text never reaches the screen (in production
 * Next.js replaces it anyway; this keeps development the same).
 */

export function errorMessage(digest: string | undefined): { title: string; text: string } {
  if (digest === DATABASE_UNAVAILABLE_DIGEST) {
    return {
      title: "Cannot reach the database",
      text: "Preview Desk cannot reach its database just now, so this page cannot be shown. Nothing you entered before this was lost. Try again in a minute; if it goes on, tell your administrator.",
    };
  }
  return {
    title: "Something went wrong",
    text: "This page could not be shown. Try again; if it goes on, tell your administrator and give them the reference below.",
  };
}
