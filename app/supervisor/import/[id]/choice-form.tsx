"use client";

import { useActionState } from "react";
import { importChoiceAction } from "../actions";

export function ChoiceForm({ id, badRows }: { id: number; badRows: number }) {
  const [state, action, pending] = useActionState(importChoiceAction, null);
  return (
    <form action={action} aria-label="How to import" className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="id" value={id} />
      <button type="submit" name="mode" value="all" className="button-secondary" disabled={pending}>
        Import all (all or nothing)
      </button>
      {badRows > 0 ? (
        <button type="submit" name="mode" value="good" className="button-secondary" disabled={pending}>
          Import only the good rows
        </button>
      ) : null}
      <button type="submit" name="mode" value="discard" className="button-secondary" disabled={pending}>
        Discard
      </button>
      <p role="status" aria-live="polite" className={state?.ok ? "text-green-800" : "text-red-800"}>
        {state?.message}
      </p>
    </form>
  );
}
