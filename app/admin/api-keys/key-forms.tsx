"use client";

import { useActionState } from "react";
import { createKeyAction, revokeKeyAction } from "./actions";

export function CreateKeyForm() {
  const [state, action, pending] = useActionState(createKeyAction, null);
  return (
    <form action={action} aria-label="Make an API key" className="flex flex-wrap items-end gap-2">
      <div className="flex flex-col gap-1">
        <label htmlFor="key-name">Name (which system)</label>
        <input id="key-name" name="name" required className="field" />
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="key-tasks">Tasks it may touch (serviceIds, or * for all)</label>
        <input id="key-tasks" name="serviceIds" required className="field" />
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="key-rate">Requests a minute (blank: default)</label>
        <input id="key-rate" name="rateLimitPerMin" type="number" min={1} className="field" />
      </div>
      <button type="submit" className="button-secondary" disabled={pending}>
        Make key
      </button>
      <div role="status" aria-live="polite" className="w-full text-sm">
        <p className={state?.ok ? "text-green-800" : "text-red-800"}>{state?.message}</p>
        {state?.ok && state.key ? (
          <p>
            <label htmlFor="new-key">New key</label>{" "}
            <input id="new-key" readOnly value={state.key} className="field w-[36rem] font-mono" />
          </p>
        ) : null}
      </div>
    </form>
  );
}

export function RevokeKeyForm({ id, name }: { id: number; name: string }) {
  const [state, action, pending] = useActionState(revokeKeyAction, null);
  return (
    <form action={action} aria-label={`Revoke key ${name}`}>
      <input type="hidden" name="id" value={id} />
      <button type="submit" className="button-secondary" disabled={pending}>
        Revoke
      </button>
      <span role="status" aria-live="polite" className="text-sm">
        {state?.message}
      </span>
    </form>
  );
}
