import type { ReactNode } from "react";
import { LocaleSwitcher } from "@/components/admin/locale-switcher";

const WIDTHS = { narrow: "max-w-sm", wide: "max-w-md" } as const;

/** The frame of a page seen before signing in (sign-in, first-run setup): the language, a title, a line. */
export function SignedOutPage({
  title,
  intro,
  width = "narrow",
  children,
}: {
  title: string;
  intro: string;
  width?: keyof typeof WIDTHS;
  children: ReactNode;
}) {
  return (
    <main className={`mx-auto flex min-h-dvh ${WIDTHS[width]} flex-col justify-center p-6`}>
      <LocaleSwitcher className="mb-6 self-end" />
      <h1 className="text-2xl font-semibold">{title}</h1>
      <p className="mt-1 text-sm text-slate-600">{intro}</p>
      {children}
    </main>
  );
}
