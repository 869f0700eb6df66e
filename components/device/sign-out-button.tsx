"use client";

import { useTranslations } from "next-intl";
import type { FormEvent } from "react";
import { refreshWaiting } from "./device-state";
import { forgetDeviceUser } from "./device-user";

/**
 * The header's sign-out: a plain form POST (it works without JavaScript), which first
 * clears what this device keeps for the user (shared computers are common in call
 * centres). Outcomes still waiting to be sent would be lost with it: the agent is asked first.
 */
export function SignOutButton({ userId, label }: { userId: number; label: string }) {
  const t = useTranslations("device");
  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const waiting = (await refreshWaiting()).length;
    if (waiting > 0 && !window.confirm(t("signOutWaiting", { count: waiting }))) return;
    try {
      await forgetDeviceUser(userId);
    } finally {
      form.submit();
    }
  };
  return (
    <form method="post" action="/sign-out" onSubmit={(e) => void onSubmit(e)}>
      <button type="submit" className="button-secondary">
        {label}
      </button>
    </form>
  );
}
