"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { errorMessage } from "@/components/errors/error-message";

/** A page that failed: a readable message by the error's digest, and a way to try again. */
export default function PageError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const { title, text } = errorMessage(error.digest);
  return (
    <main id="main" className="mx-auto max-w-xl p-6">
      <div role="alert" className="space-y-3 rounded border border-red-300 bg-white p-4">
        <h1 className="text-xl font-semibold">{title}</h1>
        <p>{text}</p>
        {error.digest && <p className="text-sm text-slate-600">Reference: {error.digest}</p>}
        <button
          type="button"
          className="button-primary"
          disabled={pending}
          onClick={() =>
            startTransition(() => {
              router.refresh();
              reset();
            })
          }
        >
          {pending ? "Trying again…" : "Try again"}
        </button>
      </div>
    </main>
  );
}
