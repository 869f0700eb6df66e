"use client";

import type { ReactNode, RefObject } from "react";
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogTitle,
} from "./alert-dialog";

/**
 * The question of ./confirm-submit.tsx (Radix AlertDialog: focus starts on Cancel, Cancel
 * or Escape changes nothing), loaded at its first opening. `confirmLabel` null: nothing to
 * confirm (no row ticked), only Cancel. On closing, focus goes back to `returnFocus`.
 */
export function ConfirmDialog({
  open,
  onOpenChange,
  returnFocus,
  title,
  description,
  cancelLabel,
  confirmLabel,
  onConfirm,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  returnFocus: RefObject<HTMLButtonElement | null>;
  title: ReactNode;
  description: ReactNode;
  cancelLabel: string;
  confirmLabel: ReactNode;
  onConfirm: () => void;
}) {
  return (
    <AlertDialog open={open} onOpenChange={onOpenChange}>
      <AlertDialogContent
        onCloseAutoFocus={(event) => {
          event.preventDefault();
          returnFocus.current?.focus();
        }}
      >
        <AlertDialogTitle>{title}</AlertDialogTitle>
        <AlertDialogDescription>{description}</AlertDialogDescription>
        <div className="flex flex-wrap justify-end gap-2">
          <AlertDialogCancel autoFocus>{cancelLabel}</AlertDialogCancel>
          {confirmLabel !== null ? (
            <AlertDialogAction onClick={onConfirm}>{confirmLabel}</AlertDialogAction>
          ) : null}
        </div>
      </AlertDialogContent>
    </AlertDialog>
  );
}
