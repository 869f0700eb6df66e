"use client";

import dynamic from "next/dynamic";
import { useEffect, useState } from "react";

type Toast = typeof import("sonner").toast;

/**
 * The page's toasts, without sonner in the page's first load (issue 12): the layout mounts
 * this; sonner (./sonner-toaster.tsx) is fetched once the browser is idle after the first
 * paint, so its live region is in place well before anything is announced, or at once when
 * a toast is asked for before that. Show one with `withToast((toast) => toast.success(…))`
 * (sonner's own `toast`), from anywhere in the browser.
 */
const SonnerToaster = dynamic(() => import("./sonner-toaster").then((m) => m.SonnerToaster), { ssr: false });

let wanted = false;
let want: (() => void) | null = null;
let markReady: () => void = () => {};
const ready = new Promise<void>((resolve) => {
  markReady = resolve;
});

/** Shows a toast through sonner's `toast`, once the toaster is there to show it. */
export function withToast(show: (toast: Toast) => void): void {
  wanted = true;
  want?.();
  void Promise.all([import("sonner"), ready]).then(([{ toast }]) => show(toast));
}

export function Toaster({ label }: { label: string }) {
  const [mounted, setMounted] = useState(false);
  useEffect(() => {
    const mount = () => setMounted(true);
    if (wanted) return mount();
    want = mount;
    const idle = window.requestIdleCallback?.(mount, { timeout: 2000 });
    const timer = idle === undefined ? setTimeout(mount, 200) : undefined;
    return () => {
      want = null;
      if (idle !== undefined) window.cancelIdleCallback(idle);
      clearTimeout(timer);
    };
  }, []);
  return mounted ? <SonnerToaster label={label} ready={markReady} /> : null;
}
