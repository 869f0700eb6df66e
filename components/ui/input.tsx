import type { ComponentProps } from "react";
import { cn } from "./cn";

/** The look of every text-like control (native elements: forms post without JavaScript). */
export const controlClass =
  "rounded-control border border-border-strong bg-surface px-control-x py-control-y text-foreground placeholder:text-muted disabled:opacity-70 aria-invalid:border-2 aria-invalid:border-danger-border";

/** A touch target: 44 px tall on a phone or a touch screen. */
const touchHeight = "max-sm:min-h-11 pointer-coarse:min-h-11";

export function Input({ className, ...props }: ComponentProps<"input">) {
  return <input className={cn(controlClass, touchHeight, "min-w-0", className)} {...props} />;
}

export function Textarea({ className, ...props }: ComponentProps<"textarea">) {
  return <textarea className={cn(controlClass, "min-h-20", className)} {...props} />;
}

export function Select({ className, ...props }: ComponentProps<"select">) {
  return <select className={cn(controlClass, touchHeight, "max-w-full pr-8", className)} {...props} />;
}

/** The options of a list whose values are also its words (usernames, task ids). */
export function Options({ values }: { values: readonly string[] }) {
  return values.map((v) => (
    <option key={v} value={v}>
      {v}
    </option>
  ));
}
