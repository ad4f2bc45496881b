import type { ReactNode } from "react";

/** A console page's title and the sentence under it; `children` (the page's main action) sit to its right. */
export function PageHeader({
  title,
  intro,
  children,
}: {
  title: string;
  intro: string;
  children?: ReactNode;
}) {
  const heading = (
    <div>
      <h1 className="text-2xl font-semibold">{title}</h1>
      <p className="text-sm text-slate-600">{intro}</p>
    </div>
  );
  if (!children) return heading;
  return (
    <div className="flex flex-wrap items-end justify-between gap-3">
      {heading}
      {children}
    </div>
  );
}
