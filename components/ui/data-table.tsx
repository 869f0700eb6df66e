"use client";

import {
  type ColumnDef,
  flexRender,
  getCoreRowModel,
  type RowSelectionState,
  useReactTable,
  type VisibilityState,
} from "@tanstack/react-table";
import { ArrowDown, ArrowUp, ArrowUpDown, Columns3 } from "lucide-react";
import Link from "next/link";
import { type ReactNode, useEffect, useRef, useState } from "react";
import { buttonVariants } from "./button";
import { Checkbox } from "./checkbox";
import { cn } from "./cn";
import {
  DropdownMenu,
  DropdownMenuCheckboxItem,
  DropdownMenuContent,
  DropdownMenuLabel,
  DropdownMenuTrigger,
} from "./dropdown-menu";
import { Table, TableBody, TableCell, TableEmpty, TableHead, TableHeader, TableRow } from "./table";
import { linkClass } from "./text-link";

declare module "@tanstack/react-table" {
  interface ColumnMeta<TData, TValue> {
    /** The key the server sorts this column by (in the address); none: not sortable. */
    sortKey?: string;
    /** The column's name in the visibility menu (its header may be an element). */
    label?: string;
    cellClassName?: string;
  }
}

export type ServerSorting = {
  by: string;
  dir: "asc" | "desc";
  /** The address that sorts by each key (the page builds them: the address is the state). */
  hrefs: Record<string, string>;
};

export type RowSelectionOptions<T> = {
  /** The field name each ticked row posts (its value is the row id). */
  name: string;
  rowLabel: (row: T) => string;
  allLabel: string;
};

/**
 * A table on TanStack Table: columns defined once, sorting and paging on the server through
 * the address (the headers are links), row selection in table state and shown as native
 * checkboxes that post `name=<row id>` with the form the table sits in (so a form without
 * JavaScript posts them too; Space ticks the focused box), and a menu to hide columns.
 */
export function DataTable<T>({
  caption,
  columns,
  data,
  getRowId,
  sorting,
  selection,
  empty,
  columnsLabel,
  toolbar,
}: {
  caption: string;
  columns: ColumnDef<T>[];
  data: T[];
  getRowId: (row: T) => string;
  sorting?: ServerSorting;
  selection?: RowSelectionOptions<T>;
  empty: ReactNode;
  /** The label of the column-visibility menu; without it there is no menu. */
  columnsLabel?: string;
  toolbar?: ReactNode;
}) {
  const [rowSelection, setRowSelection] = useState<RowSelectionState>({});
  const [columnVisibility, setColumnVisibility] = useState<VisibilityState>({});
  const table = useReactTable({
    data,
    columns,
    getRowId,
    getCoreRowModel: getCoreRowModel(),
    manualSorting: true,
    manualPagination: true,
    enableRowSelection: selection !== undefined,
    state: { rowSelection, columnVisibility },
    onRowSelectionChange: setRowSelection,
    onColumnVisibilityChange: setColumnVisibility,
  });
  // The rows change when the page does: a ticked id that is gone must not stay ticked.
  const ids = data.map(getRowId).join(",");
  const lastIds = useRef(ids);
  if (lastIds.current !== ids) {
    lastIds.current = ids;
    const kept = Object.fromEntries(
      Object.entries(rowSelection).filter(([id]) => ids.split(",").includes(id)),
    );
    if (Object.keys(kept).length !== Object.keys(rowSelection).length) setRowSelection(kept);
  }
  const allBox = useRef<HTMLInputElement>(null);
  const someSelected = table.getIsSomeRowsSelected();
  useEffect(() => {
    if (allBox.current) allBox.current.indeterminate = someSelected;
  }, [someSelected]);

  const visibleCount = table.getVisibleLeafColumns().length + (selection ? 1 : 0);
  return (
    <div className="space-y-2">
      {columnsLabel || toolbar ? (
        <div className="flex flex-wrap items-center justify-between gap-2">
          <div className="flex flex-wrap items-center gap-2">{toolbar}</div>
          {columnsLabel ? (
            <DropdownMenu>
              <DropdownMenuTrigger className={buttonVariants({ variant: "secondary", size: "sm" })}>
                <Columns3 aria-hidden />
                {columnsLabel}
              </DropdownMenuTrigger>
              <DropdownMenuContent>
                <DropdownMenuLabel>{columnsLabel}</DropdownMenuLabel>
                {table
                  .getAllLeafColumns()
                  .filter((c) => c.getCanHide())
                  .map((c) => (
                    <DropdownMenuCheckboxItem
                      key={c.id}
                      checked={c.getIsVisible()}
                      onCheckedChange={(v) => c.toggleVisibility(v === true)}
                      onSelect={(e) => e.preventDefault()}
                    >
                      {c.columnDef.meta?.label ?? c.id}
                    </DropdownMenuCheckboxItem>
                  ))}
              </DropdownMenuContent>
            </DropdownMenu>
          ) : null}
        </div>
      ) : null}
      <Table caption={caption}>
        <TableHeader>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {selection ? (
                <TableHead className="w-10">
                  <Checkbox
                    ref={allBox}
                    aria-label={selection.allLabel}
                    checked={table.getIsAllRowsSelected()}
                    onChange={table.getToggleAllRowsSelectedHandler()}
                  />
                </TableHead>
              ) : null}
              {group.headers.map((header) => {
                const key = header.column.columnDef.meta?.sortKey;
                const active = sorting && key && sorting.by === key;
                const content = header.isPlaceholder
                  ? null
                  : flexRender(header.column.columnDef.header, header.getContext());
                const href = key ? sorting?.hrefs[key] : undefined;
                return (
                  <TableHead
                    key={header.id}
                    aria-sort={active ? (sorting.dir === "asc" ? "ascending" : "descending") : undefined}
                  >
                    {href ? (
                      <Link href={href} className={cn(linkClass, "inline-flex items-center gap-1")}>
                        {content}
                        {active ? (
                          sorting.dir === "asc" ? (
                            <ArrowUp aria-hidden className="size-4" />
                          ) : (
                            <ArrowDown aria-hidden className="size-4" />
                          )
                        ) : (
                          <ArrowUpDown aria-hidden className="size-4 opacity-60" />
                        )}
                      </Link>
                    ) : (
                      content
                    )}
                  </TableHead>
                );
              })}
            </tr>
          ))}
        </TableHeader>
        <TableBody>
          {table.getRowModel().rows.length === 0 ? (
            <TableEmpty colSpan={visibleCount}>{empty}</TableEmpty>
          ) : null}
          {table.getRowModel().rows.map((row) => (
            <TableRow
              key={row.id}
              data-state={row.getIsSelected() ? "selected" : undefined}
              className="data-[state=selected]:bg-info-bg"
            >
              {selection ? (
                <TableCell>
                  <Checkbox
                    name={selection.name}
                    value={row.id}
                    aria-label={selection.rowLabel(row.original)}
                    checked={row.getIsSelected()}
                    onChange={row.getToggleSelectedHandler()}
                  />
                </TableCell>
              ) : null}
              {row.getVisibleCells().map((cell) => (
                <TableCell key={cell.id} className={cell.column.columnDef.meta?.cellClassName}>
                  {flexRender(cell.column.columnDef.cell, cell.getContext())}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
