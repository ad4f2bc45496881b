import type { ComponentProps, ReactNode } from "react";

/**
 * The console's data table. From the `md` breakpoint up it is a plain table that scrolls inside its
 * own box if it must; below it (phones, narrow windows) every row becomes a card whose cells wrap,
 * so the row's actions stay on screen and the page never scrolls sideways.
 */
export function Table({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white" data-table>
      <table aria-label={label} className="w-full text-left text-sm max-md:block">
        {children}
      </table>
    </div>
  );
}

/** The header row. On narrow screens it is kept for screen readers only; cells carry their labels. */
export function TableHead({ children }: { children: ReactNode }) {
  return (
    <thead className="border-b border-slate-200 bg-slate-50 text-xs text-slate-500 uppercase max-md:sr-only">
      <tr>{children}</tr>
    </thead>
  );
}

type Align = "left" | "right";

export function HeaderCell({
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

export function TableBody({ children }: { children: ReactNode }) {
  return <tbody className="divide-y divide-slate-100 max-md:block">{children}</tbody>;
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
export function ActionsHeaderCell() {
  return (
    <HeaderCell align="right">
      <span className="sr-only">Actions</span>
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
      <div className="flex flex-wrap justify-end gap-1 max-md:justify-start">{children}</div>
    </Cell>
  );
}
