import { useTranslations } from "next-intl";
import type { ComponentProps, ReactNode } from "react";

type Align = "left" | "right";

/** A column's header: plain text, or text for screen readers only, a control, an alignment. */
interface ColumnSpec {
  /** The header's content: its text, or a control (a "select the page" checkbox). */
  header: ReactNode;
  /** Named for screen readers only: a thumbnail's, a checkbox's or a decision's column. */
  hidden?: boolean;
  align?: Align;
  className?: string;
}
export type Column = string | ColumnSpec;

/**
 * The console's data table: its accessible name, its header row from `columns` (and, with `actions`,
 * the header over each row's actions), and its rows — `Row`s of `Cell`s — as children.
 * From the `md` breakpoint up it is a plain table that scrolls inside its own box if it must; below it
 * (phones, narrow windows) every row becomes a card whose cells wrap, so the row's actions stay on
 * screen and the page never scrolls sideways. On narrow screens the header row is kept for screen
 * readers only; cells carry their labels.
 */
export function DataTable({
  label,
  columns,
  actions = false,
  children,
}: {
  label: string;
  columns: Column[];
  actions?: boolean;
  children: ReactNode;
}) {
  return (
    <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white" data-table>
      <table aria-label={label} className="w-full text-left text-sm max-md:block">
        <thead className="border-b border-slate-200 bg-slate-50 text-xs text-slate-500 uppercase max-md:sr-only">
          <tr>
            {columns.map((column, i) => {
              const { header, hidden, align, className }: ColumnSpec =
                typeof column === "string" ? { header: column } : column;
              return (
                <HeaderCell key={i} align={align} className={className}>
                  {hidden ? <span className="sr-only">{header}</span> : header}
                </HeaderCell>
              );
            })}
            {actions && <ActionsHeaderCell />}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 max-md:block">{children}</tbody>
      </table>
    </div>
  );
}

function HeaderCell({
  children,
  align = "left",
  className = "",
}: {
  children?: ReactNode;
  align?: Align;
  className?: string;
}) {
  return (
    <th scope="col" className={`px-4 py-2 ${align === "right" ? "text-right" : ""} ${className}`}>
      {children}
    </th>
  );
}

export function Row({ className = "", ...props }: ComponentProps<"tr">) {
  return (
    <tr
      {...props}
      className={`max-md:flex max-md:flex-wrap max-md:items-center max-md:gap-x-3 max-md:gap-y-1.5 max-md:px-4 max-md:py-3 ${className}`}
    />
  );
}

/**
 * How a cell sits in a row's card on a narrow screen: `full` on a line of its own (the default),
 * `inline` beside its neighbours at its own width (a checkbox, a thumbnail), `grow` beside them
 * taking the rest of the line (a name next to its thumbnail).
 */
type Stack = "full" | "inline" | "grow";
const STACK: Record<Stack, string> = {
  full: "max-md:basis-full",
  inline: "max-md:shrink-0",
  grow: "max-md:min-w-0 max-md:flex-1",
};

export function Cell({
  children,
  label,
  stack = "full",
  align = "left",
  className = "",
}: {
  children?: ReactNode;
  /** Shown above the value on narrow screens, where the header row is hidden. */
  label?: string;
  stack?: Stack;
  align?: Align;
  className?: string;
}) {
  return (
    <td
      className={`px-4 py-2 max-md:block max-md:p-0 ${STACK[stack]} ${align === "right" ? "text-right max-md:text-left" : ""} ${className}`}
    >
      {label && (
        <span className="block text-xs font-medium text-slate-500 md:hidden" aria-hidden="true">
          {label}
        </span>
      )}
      {children}
    </td>
  );
}

/** The header over a row's actions: no visible text (the buttons say what they do), named for screen readers. */
function ActionsHeaderCell() {
  const t = useTranslations("common");
  return (
    <HeaderCell align="right">
      <span className="sr-only">{t("actions")}</span>
    </HeaderCell>
  );
}

/**
 * A row's actions (Edit, Delete, Revoke…): right-aligned on wide screens; on a narrow screen on a line
 * of their own (or, `inline`, beside the cell before them), wrapping rather than running off the edge.
 * Each action is a real button, so the row is worked by keyboard in the table's tab order.
 */
export function RowActions({ children, stack = "full" }: { children?: ReactNode; stack?: Stack }) {
  return (
    <Cell align="right" stack={stack}>
      <div className="flex flex-wrap justify-end gap-1 max-md:justify-start md:flex-nowrap">{children}</div>
    </Cell>
  );
}
