"use client";

import { useSyncExternalStore, type ButtonHTMLAttributes } from "react";
import { buttonClass, type Variant } from "./button-class";

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
