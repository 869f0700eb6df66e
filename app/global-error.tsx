"use client";

import { errorMessage } from "@/components/errors/error-message";
import "./globals.css";

/**
 * When the root layout itself fails (it reads the signed-in user, so an unreachable
 * database ends here): the same readable message, in a page of its own.
 */
export default function GlobalError({ error }: { error: Error & { digest?: string } }) {
  const { title, text } = errorMessage(error.digest);
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">
        <main id="main" className="mx-auto max-w-xl p-6">
          <div role="alert" className="space-y-3 rounded border border-red-300 bg-white p-4">
            <h1 className="text-xl font-semibold">{title}</h1>
            <p>{text}</p>
            {error.digest && <p className="text-sm text-slate-600">Reference: {error.digest}</p>}
            {/* A full reload: the layout must be rendered again from the server. */}
            <button type="button" className="button-primary" onClick={() => window.location.reload()}>
              Try again
            </button>
          </div>
        </main>
      </body>
    </html>
  );
}
