"use client";

import * as RadixDialog from "@radix-ui/react-dialog";
import { useTranslations } from "next-intl";
import { useEffect, useRef, type ReactNode } from "react";

interface DialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description?: ReactNode;
  children: ReactNode;
  wide?: boolean;
  /** As wide as a laptop screen allows (the review window: two photos and the decision side by side). */
  extraWide?: boolean;
}

/**
 * The elements focused last, newest first, tracked for the whole page. By the time a dialog knows it
 * opened, the focus has moved into it (to its first field, or one with `autoFocus`); what had it just
 * before is the button that opened the dialog.
 */
const recentFocus: Element[] = [];
if (typeof document !== "undefined") {
  document.addEventListener(
    "focusin",
    (event) => {
      if (!(event.target instanceof Element)) return;
      recentFocus.unshift(event.target);
      recentFocus.length = Math.min(recentFocus.length, 8);
    },
    true,
  );
}

/** What had the focus before the dialog `content` opened: the newest element outside it. */
function opener(content: HTMLElement | null): HTMLElement | null {
  const found = recentFocus.find((el) => el.isConnected && !content?.contains(el));
  return found instanceof HTMLElement && found !== document.body ? found : null;
}

/**
 * Modal dialog on Radix: focus is trapped and returned, Escape closes, the title is announced.
 * Our dialogs are opened by their own buttons, not by a Radix `Trigger`, and Radix returns focus only
 * to a Trigger (otherwise to nothing: the page's start). So the dialog remembers what had the focus
 * when it opened and gives it back on closing, when that element is still on the page.
 */
export function Dialog({ open, onOpenChange, title, description, children, wide, extraWide }: DialogProps) {
  const t = useTranslations("common");
  const content = useRef<HTMLDivElement>(null);
  const returnTo = useRef<HTMLElement | null>(null);
  useEffect(() => {
    if (open) returnTo.current = opener(content.current);
  }, [open]);
  return (
    <RadixDialog.Root open={open} onOpenChange={onOpenChange}>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <RadixDialog.Content
          ref={content}
          onCloseAutoFocus={(event) => {
            const back = returnTo.current;
            returnTo.current = null;
            if (back?.isConnected) {
              event.preventDefault();
              back.focus();
            }
          }}
          className={`fixed top-1/2 left-1/2 z-50 max-h-[90dvh] w-[calc(100vw-2rem)] -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-lg bg-white p-6 wrap-anywhere shadow-xl ${extraWide ? "max-w-6xl" : wide ? "max-w-3xl" : "max-w-md"}`}
        >
          <RadixDialog.Title className="text-lg font-semibold text-slate-900">{title}</RadixDialog.Title>
          {description ? (
            <RadixDialog.Description className="mt-1 text-sm text-slate-600">
              {description}
            </RadixDialog.Description>
          ) : (
            <RadixDialog.Description className="sr-only">{title}</RadixDialog.Description>
          )}
          <div className="mt-4">{children}</div>
          <RadixDialog.Close
            className="absolute top-3 right-3 rounded-md p-1 text-slate-500 hover:bg-slate-100"
            aria-label={t("close")}
          >
            <span aria-hidden>✕</span>
          </RadixDialog.Close>
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}
