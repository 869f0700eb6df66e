"use client";

import { useEffect } from "react";
import { Toaster as Sonner } from "sonner";

/**
 * sonner's toaster in the theme's colours: announced in a polite live region, each toast
 * with its tone's colour and icon. Loaded after the page's first paint by ./toaster.tsx,
 * which is what the layout mounts; `ready` runs once sonner listens for toasts (its own
 * effect runs before this one's), so a toast asked for before then is shown, not lost.
 */
export function SonnerToaster({ label, ready }: { label: string; ready: () => void }) {
  useEffect(() => ready(), [ready]);
  return (
    <Sonner
      containerAriaLabel={label}
      position="bottom-right"
      closeButton
      theme="system"
      toastOptions={{
        classNames: {
          toast: "!rounded-card !border !bg-surface !text-foreground !border-border",
          success: "!border-success-border !bg-success-bg !text-success-fg",
          error: "!border-danger-border !bg-danger-bg !text-danger-fg",
          warning: "!border-warning-border !bg-warning-bg !text-warning-fg",
          info: "!border-info-border !bg-info-bg !text-info-fg",
          description: "!text-current",
          closeButton: "!bg-surface !text-foreground !border-border",
        },
      }}
    />
  );
}
