"use client";

import { useActionState, useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { FormMessage } from "@/components/ui/field";
import type { ActionState } from "@/lib/auth/action";
import { issueLinkAction, revokeLinkAction, uploadPortraitAction } from "./actions";
import { Checkbox, LinkConditionsFields } from "./link-conditions-fields";
import { LinkResult } from "./link-result";

interface Props {
  identityId: string;
  displayName: string;
  linkExpiresAt: string | null;
  children: ReactNode;
}

type Step = "photo" | "conditions" | "issued";

/** The camera in the corner of the portrait circle: it says "this changes the photo" at a glance. */
function CameraBadge() {
  return (
    <span
      aria-hidden="true"
      className="absolute -right-1 -bottom-1 flex h-5 w-5 items-center justify-center rounded-full bg-white text-slate-700 shadow-sm ring-1 ring-slate-300 group-hover:bg-brand-600 group-hover:text-white group-hover:ring-brand-600"
    >
      <svg viewBox="0 0 24 24" className="h-3 w-3" fill="none" stroke="currentColor" strokeWidth="2.2">
        <path d="M4 8h3l2-3h6l2 3h3v11H4z" strokeLinejoin="round" />
        <circle cx="12" cy="13" r="3.5" />
      </svg>
    </span>
  );
}

/** "Change identity photo": upload directly, or issue a self-registration link. */
export function PhotoDialog({ identityId, displayName, linkExpiresAt, children }: Props) {
  const [open, setOpen] = useState(false);
  const [step, setStep] = useState<Step>("photo");
  const openAt = (next: boolean) => {
    setOpen(next);
    if (next) setStep("photo");
  };
  const title =
    step === "photo"
      ? "Change identity photo"
      : step === "conditions"
        ? "Choose how the link works"
        : "Self-portrait upload link";
  return (
    <>
      {/* Named by its content, so the name includes what is seen (the initials) — WCAG 2.5.3. */}
      <button
        type="button"
        onClick={() => openAt(true)}
        className="group relative shrink-0 cursor-pointer rounded-full focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600"
      >
        {children}
        <span className="sr-only">Change photo of {displayName}</span>
        <CameraBadge />
      </button>
      <Dialog open={open} onOpenChange={openAt} title={title} description={displayName}>
        {open && step === "photo" && (
          <PhotoStep
            identityId={identityId}
            linkExpiresAt={linkExpiresAt}
            onGenerate={() => setStep("conditions")}
            onDone={() => setOpen(false)}
          />
        )}
        {open && step !== "photo" && (
          <ConditionsStep
            identityId={identityId}
            onIssued={() => setStep("issued")}
            onBack={() => setStep("photo")}
          />
        )}
      </Dialog>
    </>
  );
}

function PhotoStep({
  identityId,
  linkExpiresAt,
  onGenerate,
  onDone,
}: {
  identityId: string;
  linkExpiresAt: string | null;
  onGenerate: () => void;
  onDone: () => void;
}) {
  const [state, action, pending] = useActionState(
    async (prev: ActionState | undefined, formData: FormData) => {
      const result = await uploadPortraitAction(prev, formData);
      if (result.ok) onDone();
      return result;
    },
    undefined,
  );
  const [revokeState, revoke, revoking] = useActionState(revokeLinkAction, undefined);
  const linkActive = linkExpiresAt && !revokeState?.ok;
  return (
    <div className="space-y-5">
      <form action={action} className="space-y-3">
        <h3 className="text-sm font-semibold text-slate-800">Upload a photo</h3>
        {!state?.ok && <FormMessage message={state?.message} />}
        <input type="hidden" name="id" value={identityId} />
        <label className="block text-sm">
          <span className="sr-only">Photo</span>
          <input
            type="file"
            name="image"
            required
            accept="image/jpeg,image/png,image/webp,image/avif"
            className="block w-full text-sm file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-2 file:text-sm file:font-medium"
          />
        </label>
        <Checkbox
          name="doNotStore"
          label="Do not store the image file"
          hint="Keep only the face template; no image or thumbnail is saved."
        />
        <Checkbox
          name="skipQualityCheck"
          label="Do not perform a quality check"
          hint="Accept any readable image. Without a face the identity is not searchable."
        />
        <Button type="submit" disabled={pending} className="w-full">
          {pending ? "Checking and saving…" : "Upload photo"}
        </Button>
      </form>

      <div className="border-t border-slate-200 pt-4">
        {linkActive && (
          <div
            className="mb-3 flex items-center justify-between gap-3 rounded-md bg-brand-50 px-3 py-2 text-sm text-brand-700"
            data-testid="active-link"
          >
            <span>A self-registration link is active until {new Date(linkExpiresAt).toLocaleString()}.</span>
            <form action={revoke}>
              <input type="hidden" name="id" value={identityId} />
              <Button type="submit" variant="secondary" disabled={revoking}>
                {revoking ? "Revoking…" : "Revoke link"}
              </Button>
            </form>
          </div>
        )}
        {revokeState?.message && <FormMessage message={revokeState.message} ok={revokeState.ok} />}
        <Button variant="secondary" className="w-full" onClick={onGenerate}>
          Generate a self-portrait upload link
        </Button>
      </div>
    </div>
  );
}

function ConditionsStep({
  identityId,
  onIssued,
  onBack,
}: {
  identityId: string;
  onIssued: () => void;
  onBack: () => void;
}) {
  const [state, action, pending] = useActionState(
    async (prev: ActionState<unknown> | undefined, formData: FormData) => {
      const result = await issueLinkAction(prev, formData);
      if (result.ok) onIssued();
      return result;
    },
    undefined,
  );
  const issued = state?.ok ? state.result : null;
  if (issued) return <LinkResult url={issued.url} expiresAt={issued.expiresAt} qrSvg={issued.qrSvg} />;
  return (
    <form action={action} className="space-y-3">
      {!state?.ok && <FormMessage message={state?.message} />}
      <input type="hidden" name="id" value={identityId} />
      <LinkConditionsFields />
      <p className="text-xs text-slate-500">
        Generating a new link makes any earlier link for this person stop working.
      </p>
      <div className="flex justify-between gap-2">
        <Button variant="ghost" onClick={onBack}>
          ← Back
        </Button>
        <Button type="submit" disabled={pending}>
          {pending ? "Generating…" : "Generate"}
        </Button>
      </div>
    </form>
  );
}
