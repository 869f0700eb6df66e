import { cva, type VariantProps } from "class-variance-authority";
import { Loader2 } from "lucide-react";
import type { ComponentProps } from "react";
import { cn } from "./cn";

/**
 * The one button look. `pending` shows a spinner, sets aria-busy and stops a second
 * press; inside a form, SubmitButton (submit-button.tsx) sets it from the form's status.
 */
export const buttonVariants = cva(
  // At least 44 px tall on a phone or a touch screen (WCAG 2.5.5); denser with a mouse.
  "inline-flex items-center justify-center gap-2 rounded-control font-medium whitespace-nowrap transition-colors disabled:cursor-not-allowed aria-busy:cursor-wait [&_svg]:size-4 [&_svg]:shrink-0 max-sm:min-h-11 pointer-coarse:min-h-11",
  {
    variants: {
      variant: {
        primary:
          "bg-primary font-semibold text-primary-foreground hover:bg-primary-hover disabled:bg-disabled disabled:text-primary-foreground",
        secondary:
          "border border-border-strong bg-surface text-foreground hover:bg-accent disabled:text-muted",
        destructive:
          "bg-destructive font-semibold text-destructive-foreground hover:bg-destructive-hover disabled:bg-disabled",
        ghost: "text-foreground hover:bg-accent disabled:text-muted",
        link: "text-link underline underline-offset-2 hover:no-underline",
      },
      size: {
        sm: "px-3 py-1.5 text-sm",
        md: "px-4 py-2 text-sm",
        icon: "size-9 max-sm:size-11 pointer-coarse:size-11",
      },
    },
    defaultVariants: { variant: "secondary", size: "md" },
  },
);

export type ButtonProps = ComponentProps<"button"> &
  VariantProps<typeof buttonVariants> & {
    /** Working: spinner, aria-busy, no second press. */
    pending?: boolean;
  };

export function Button({
  className,
  variant,
  size,
  pending = false,
  disabled,
  type = "button",
  children,
  ...props
}: ButtonProps) {
  return (
    <button
      type={type}
      className={cn(buttonVariants({ variant, size }), className)}
      disabled={disabled || pending}
      aria-busy={pending || undefined}
      {...props}
    >
      {pending ? <Loader2 aria-hidden className="animate-spin" data-testid="spinner" /> : null}
      {children}
    </button>
  );
}
