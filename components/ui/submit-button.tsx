"use client";

import { useRef } from "react";
import { useFormStatus } from "react-dom";
import { Button, type ButtonProps } from "./button";

/**
 * A submit button that shows it is working while its form is being sent. When a form has
 * several submit buttons (formAction), only the one pressed spins.
 */
export function SubmitButton({ pending, onClick, variant = "primary", ...props }: ButtonProps) {
  const status = useFormStatus();
  const pressed = useRef(false);
  if (!status.pending) pressed.current = false;
  return (
    <Button
      {...props}
      variant={variant}
      type="submit"
      pending={pending || (status.pending && pressed.current)}
      onClick={(event) => {
        pressed.current = true;
        onClick?.(event);
      }}
    />
  );
}
