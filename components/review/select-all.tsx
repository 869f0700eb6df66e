"use client";

/** Ticks or clears every row box of the form it sits in (the boxes work without it). */
export function SelectAll({ label }: { label: string }) {
  return (
    <input
      type="checkbox"
      aria-label={label}
      onChange={(e) => {
        const form = e.currentTarget.form;
        if (!form) return;
        for (const box of form.querySelectorAll<HTMLInputElement>('input[type="checkbox"][name="id"]'))
          box.checked = e.currentTarget.checked;
      }}
    />
  );
}
