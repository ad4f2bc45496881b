import type { ReactNode } from "react";

type Tone = "neutral" | "info" | "warn" | "success" | "danger";

const TONES: Record<Tone, string> = {
  neutral: "bg-slate-100 text-slate-700",
  info: "bg-brand-50 text-brand-700",
  warn: "bg-amber-50 text-amber-800",
  success: "bg-green-50 text-green-800",
  danger: "bg-red-50 text-red-700",
};

export function Badge({
  tone = "neutral",
  children,
  title,
}: {
  tone?: Tone;
  children: ReactNode;
  title?: string;
}) {
  return (
    <span
      title={title}
      className={`inline-block rounded-full px-2 py-0.5 text-xs font-medium ${TONES[tone]}`}
    >
      {children}
    </span>
  );
}
