import { useSyncExternalStore, type ButtonHTMLAttributes } from "react";

type Variant = "primary" | "secondary" | "danger" | "ghost";

const VARIANTS: Record<Variant, string> = {
  primary: "bg-brand-600 text-white hover:bg-brand-700 disabled:bg-brand-600/50",
  secondary: "border border-slate-300 bg-white text-slate-800 hover:bg-slate-50 disabled:text-slate-400",
  danger: "bg-red-600 text-white hover:bg-red-700 disabled:bg-red-600/50",
  ghost: "text-slate-700 hover:bg-slate-100",
};

export function buttonClass(variant: Variant = "primary", extra = "") {
  return `inline-flex items-center justify-center gap-2 rounded-md px-3.5 py-2 text-sm font-medium transition-colors disabled:cursor-not-allowed ${VARIANTS[variant]} ${extra}`;
}

const noSubscription = () => () => {};

/** False in the server's HTML and while React hydrates it; true once the page's script runs. */
function useHydrated() {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}

/**
 * The console's button, for client components. One that acts through script (`onClick`) is disabled
 * until the page is hydrated, so an early tap on a slow connection is not silently lost; a submit
 * button works without script, through its form, and is never held back.
 */
export function Button({
  variant = "primary",
  className = "",
  disabled,
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: Variant }) {
  const hydrated = useHydrated();
  const waiting = !hydrated && props.type !== "submit" && props.onClick !== undefined;
  return (
    <button
      type="button"
      {...props}
      disabled={disabled || waiting}
      className={buttonClass(variant, className)}
    />
  );
}
