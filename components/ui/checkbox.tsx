import type { ComponentProps, ReactNode } from "react";
import { cn } from "./cn";

type CheckboxProps = Omit<ComponentProps<"input">, "type">;

/** A native checkbox (posts without JavaScript; Space ticks it), in the theme's colour. */
const checkboxClass = "size-4 accent-primary";

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
    <label className={cn("inline-flex items-center gap-2 text-sm", labelClassName)}>
      <input type="checkbox" className={cn(checkboxClass, className)} {...props} />
      {label}
    </label>
  );
}
