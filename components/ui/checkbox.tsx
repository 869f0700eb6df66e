import type { ComponentProps, ReactNode } from "react";
import { cn } from "./cn";

type CheckboxProps = Omit<ComponentProps<"input">, "type">;

/**
 * A native checkbox or radio (posts without JavaScript; Space ticks it), in the theme's
 * colour, 20 px (the browser's own is 13 px); with its words, the whole label is the target,
 * at least 44 px tall on a phone or a touch screen.
 */
export const choiceClass = "size-5 shrink-0 accent-primary";
export const choiceLabelClass =
  "inline-flex items-center gap-2 text-sm max-sm:min-h-11 pointer-coarse:min-h-11";
const checkboxClass = choiceClass;

export function Checkbox({ className, ...props }: CheckboxProps) {
  return <input type="checkbox" className={cn(checkboxClass, className)} {...props} />;
}

/** A checkbox with its words, clickable as one. */
export function CheckboxLabel({
  label,
  labelClassName,
  className,
  ...props
}: CheckboxProps & { label: ReactNode; labelClassName?: string }) {
  return (
    <label className={cn(choiceLabelClass, labelClassName)}>
      <input type="checkbox" className={cn(checkboxClass, className)} {...props} />
      {label}
    </label>
  );
}
