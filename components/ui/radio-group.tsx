import type { ReactNode } from "react";
import { choiceClass, choiceLabelClass } from "./checkbox";
import { cn } from "./cn";

export type RadioOption = { value: string; label: ReactNode };

/**
 * Native radios in a fieldset with its legend: arrow keys move between them, and the form
 * posts the chosen value without JavaScript.
 */
export function RadioGroup({
  name,
  legend,
  options,
  defaultValue,
  className,
  legendClassName,
}: {
  name: string;
  legend: ReactNode;
  options: RadioOption[];
  defaultValue?: string;
  className?: string;
  legendClassName?: string;
}) {
  return (
    <fieldset className={cn("flex flex-wrap items-center gap-x-4 gap-y-2", className)}>
      <legend className={cn("mb-1 text-sm font-semibold", legendClassName)}>{legend}</legend>
      {options.map((o) => (
        <label key={o.value} className={choiceLabelClass}>
          <input
            type="radio"
            name={name}
            value={o.value}
            defaultChecked={o.value === defaultValue}
            className={choiceClass}
          />
          {o.label}
        </label>
      ))}
    </fieldset>
  );
}
