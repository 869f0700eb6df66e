import type { ComponentProps, ReactNode } from "react";
import { cn } from "./cn";

/**
 * Table parts in the kit's look, for tables that need no sorting or selection (DataTable
 * builds on the same parts). Cells take the density tokens.
 */
export function Table({
  className,
  caption,
  children,
  ...props
}: ComponentProps<"table"> & { caption?: ReactNode }) {
  return (
    // Focusable: on a narrow screen the table scrolls sideways, and a keyboard must reach it.
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus (WCAG 2.1.1)
    <div tabIndex={0} className="overflow-x-auto rounded-card border border-border bg-surface">
      <table className={cn("w-full text-left text-sm", className)} {...props}>
        {caption ? <caption className="sr-only">{caption}</caption> : null}
        {children}
      </table>
    </div>
  );
}

export function TableHeader({ className, ...props }: ComponentProps<"thead">) {
  return <thead className={cn("bg-surface-muted", className)} {...props} />;
}

export function TableBody(props: ComponentProps<"tbody">) {
  return <tbody {...props} />;
}

export function TableRow({ className, ...props }: ComponentProps<"tr">) {
  return <tr className={cn("border-t border-border align-top first:border-t-0", className)} {...props} />;
}

export function TableHead({ className, ...props }: ComponentProps<"th">) {
  return (
    <th
      scope="col"
      className={cn("px-cell-x py-cell-y font-semibold whitespace-nowrap", className)}
      {...props}
    />
  );
}

export function TableCell({ className, ...props }: ComponentProps<"td">) {
  return <td className={cn("px-cell-x py-cell-y", className)} {...props} />;
}

/** The row shown when a table has no rows: what that means, across every column. */
export function TableEmpty({ colSpan, children }: { colSpan: number; children: ReactNode }) {
  return (
    <tr>
      <td colSpan={colSpan} className="px-cell-x py-6 text-center text-muted">
        {children}
      </td>
    </tr>
  );
}

/** A table of plain rows: column headings and cells, nothing to sort or select. */
export function SimpleTable({
  caption,
  headings,
  rows,
  empty,
}: {
  caption: ReactNode;
  headings: ReactNode[];
  rows: { key: string | number; cells: ReactNode[] }[];
  empty?: ReactNode;
}) {
  return (
    <Table caption={caption}>
      <TableHeader>
        <tr>
          {headings.map((h, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the headings are fixed per table
            <TableHead key={i}>{h}</TableHead>
          ))}
        </tr>
      </TableHeader>
      <TableBody>
        {rows.length === 0 && empty ? <TableEmpty colSpan={headings.length}>{empty}</TableEmpty> : null}
        {rows.map((r) => (
          <TableRow key={r.key}>
            {r.cells.map((c, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: cells follow the fixed headings
              <TableCell key={i}>{c}</TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** A titled part of a page that is one table: its heading names the table too. */
export function TableSection({
  id,
  title,
  headings,
  rows,
  empty,
}: {
  id: string;
  title: string;
  headings: ReactNode[];
  rows: { key: string | number; cells: ReactNode[] }[];
  empty?: ReactNode;
}) {
  return (
    <section aria-labelledby={id} className="space-y-3">
      <h2 id={id} className="text-lg font-semibold">
        {title}
      </h2>
      <SimpleTable caption={title} headings={headings} rows={rows} empty={empty} />
    </section>
  );
}
