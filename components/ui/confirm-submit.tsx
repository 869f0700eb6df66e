"use client";

import dynamic from "next/dynamic";
import { type ReactNode, useRef, useState } from "react";
import { useFormStatus } from "react-dom";
import { Button, buttonVariants } from "./button";
import { cn } from "./cn";
import { useHydrated } from "./use-hydrated";

/**
 * The submit button of a destructive action, which asks first, naming what it will do and
 * to how many records. Place it inside the form it submits.
 *
 * With JavaScript: a button that opens an AlertDialog (focus on Cancel; Cancel or Escape
 * changes nothing); "confirm" submits the form through a hidden submit button, so the
 * form's own action (or `formAction`) runs with `name=value`. Before the script has loaded
 * or without it: a disclosure (<details>) whose summary is the same words and whose
 * content is the question and the real submit button, so a plain form still takes two
 * deliberate steps and nothing happens on one click.
 *
 * The confirming submit skips the browser's own field checks (formNoValidate): a discard
 * must not wait for a field only the other action needs; the server checks what it needs.
 *
 * `selection.all`: the form picks rows (checkboxes `name="id"`) or everything (a radio
 * `name="scope"` set to "all" or "filter", which stands for `all` records); the count is
 * read when the dialog opens and handed to `description`.
 *
 * The dialog (./confirm-dialog.tsx, with Radix) is fetched at the first click, not in the
 * page's first load (issue 12); focus goes back to the button when it closes.
 */
const ConfirmDialog = dynamic(() => import("./confirm-dialog").then((m) => m.ConfirmDialog), { ssr: false });

export function ConfirmSubmit({
  label,
  title,
  description,
  confirmLabel,
  cancelLabel,
  formAction,
  name,
  value,
  selection,
  noScript,
  size = "sm",
  className,
  testId,
}: {
  label: ReactNode;
  title: ReactNode;
  description: ReactNode | ((count: number) => ReactNode);
  confirmLabel: ReactNode | ((count: number) => ReactNode);
  cancelLabel: string;
  formAction?: (form: FormData) => void | Promise<void>;
  name?: string;
  value?: string;
  selection?: { all: number };
  /** The question before the script runs, when it depends on what is ticked (unknown then). */
  noScript?: { description: ReactNode; confirmLabel: ReactNode };
  size?: "sm" | "md";
  className?: string;
  testId?: string;
}) {
  const hydrated = useHydrated();
  const submitRef = useRef<HTMLButtonElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const [open, setOpen] = useState(false);
  // Loaded at the first opening, and kept mounted (closed) after.
  const [opened, setOpened] = useState(false);
  const [count, setCount] = useState(selection?.all ?? 1);
  const status = useFormStatus();
  const confirmed = useRef(false);
  if (!status.pending) confirmed.current = false;
  const text = (v: ReactNode | ((n: number) => ReactNode)) => (typeof v === "function" ? v(count) : v);

  if (!hydrated) {
    return (
      <details className={cn("group", className)} data-testid={testId}>
        <summary className={cn(buttonVariants({ variant: "destructive", size }), "cursor-pointer list-none")}>
          {label}
        </summary>
        <div className="mt-2 max-w-md space-y-2 rounded-card border border-danger-border bg-surface p-3">
          <p className="font-semibold">{title}</p>
          <p className="text-sm">{noScript ? noScript.description : text(description)}</p>
          <button
            type="submit"
            formNoValidate
            formAction={formAction}
            name={name}
            value={value}
            className={buttonVariants({ variant: "destructive", size })}
          >
            {noScript ? noScript.confirmLabel : text(confirmLabel)}
          </button>
        </div>
      </details>
    );
  }

  const countNow = (): number => {
    const form = submitRef.current?.form;
    if (!form || !selection) return selection?.all ?? 1;
    const scope = form.querySelector<HTMLInputElement>('input[name="scope"]:checked')?.value;
    if (scope === "all" || scope === "filter") return selection.all;
    return form.querySelectorAll('input[type="checkbox"][name="id"]:checked').length;
  };

  return (
    <>
      <button
        ref={submitRef}
        type="submit"
        hidden
        formAction={formAction}
        name={name}
        value={value}
        tabIndex={-1}
      />
      <Button
        ref={buttonRef}
        variant="destructive"
        size={size}
        className={className}
        data-testid={testId}
        pending={status.pending && confirmed.current}
        aria-haspopup="dialog"
        aria-expanded={open}
        onClick={() => {
          setCount(countNow());
          setOpened(true);
          setOpen(true);
        }}
      >
        {label}
      </Button>
      {opened ? (
        <ConfirmDialog
          open={open}
          onOpenChange={setOpen}
          returnFocus={buttonRef}
          title={title}
          description={text(description)}
          cancelLabel={cancelLabel}
          confirmLabel={!selection || count > 0 ? text(confirmLabel) : null}
          onConfirm={() => {
            confirmed.current = true;
            const button = submitRef.current;
            button?.form?.requestSubmit(button);
          }}
        />
      ) : null}
    </>
  );
}
