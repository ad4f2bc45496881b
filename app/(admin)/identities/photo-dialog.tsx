"use client";

import { useTranslations } from "next-intl";
import { useActionState, useState, type ReactNode } from "react";
import { DateTime } from "@/components/ui/date-time";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { DialogButtons, useActionThen } from "@/components/ui/dialog-form";
import { FormMessage } from "@/components/ui/field";
import { issueLinkAction, revokeLinkAction, uploadPortraitAction } from "./actions";
import { Checkbox, LinkConditionsFields } from "./link-conditions-fields";
import { LinkResult } from "./link-result";

interface Props {
  identityId: string;
  displayName: string;
  linkExpiresAt: Date | null;
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
  const t = useTranslations("photoDialog");
  const [open, setOpen] = useState(false);
  const [step, setStep] = useState<Step>("photo");
  const openAt = (next: boolean) => {
    setOpen(next);
    if (next) setStep("photo");
  };
  const title = t(`title.${step}`);
  return (
    <>
      {/* Named by its content, so the name includes what is seen (the initials) — WCAG 2.5.3. */}
      <button
        type="button"
        onClick={() => openAt(true)}
        className="group relative shrink-0 cursor-pointer rounded-full focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600"
      >
        {children}
        <span className="sr-only">{t("changePhotoOf", { name: displayName })}</span>
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
  linkExpiresAt: Date | null;
  onGenerate: () => void;
  onDone: () => void;
}) {
  const [state, action, pending] = useActionThen(uploadPortraitAction, onDone);
  const t = useTranslations("photoDialog");
  const [revokeState, revoke, revoking] = useActionState(revokeLinkAction, undefined);
  // Revoking cannot be undone (the person needs a new link): it is asked for, then confirmed.
  const [confirmRevoke, setConfirmRevoke] = useState(false);
  const linkActive = linkExpiresAt && !revokeState?.ok;
  return (
    <div className="space-y-5">
      <form action={action} className="space-y-3">
        <h3 className="text-sm font-semibold text-slate-800">{t("uploadHeading")}</h3>
        {!state?.ok && <FormMessage message={state?.message} />}
        <input type="hidden" name="id" value={identityId} />
        <label className="block text-sm">
          <span className="sr-only">{t("photo")}</span>
          <input
            type="file"
            name="image"
            required
            accept="image/jpeg,image/png,image/webp,image/avif"
            className="block w-full text-sm file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-2 file:text-sm file:font-medium"
          />
        </label>
        <Checkbox name="doNotStore" label={t("doNotStore")} hint={t("doNotStoreHint")} />
        <Checkbox name="skipQualityCheck" label={t("skipQualityCheck")} hint={t("skipQualityCheckHint")} />
        <Button type="submit" disabled={pending} className="w-full">
          {pending ? t("uploading") : t("upload")}
        </Button>
      </form>

      <div className="border-t border-slate-200 pt-4">
        {linkActive && (
          <div
            className="mb-3 flex items-center justify-between gap-3 rounded-md bg-brand-50 px-3 py-2 text-sm text-brand-700"
            data-testid="active-link"
          >
            {confirmRevoke ? (
              <form action={revoke} className="w-full space-y-2">
                <p>{t("revokeConfirm")}</p>
                <input type="hidden" name="id" value={identityId} />
                <div className="flex justify-end gap-2">
                  <Button variant="secondary" onClick={() => setConfirmRevoke(false)} disabled={revoking}>
                    {t("keepLink")}
                  </Button>
                  <Button type="submit" variant="danger" disabled={revoking}>
                    {revoking ? t("revoking") : t("revoke")}
                  </Button>
                </div>
              </form>
            ) : (
              <>
                <span>
                  {t.rich("linkActive", { when: () => <DateTime value={linkExpiresAt} style="relative" /> })}
                </span>
                <Button variant="secondary" onClick={() => setConfirmRevoke(true)}>
                  {t("revokeAsk")}
                </Button>
              </>
            )}
          </div>
        )}
        {revokeState?.message && <FormMessage message={revokeState.message} ok={revokeState.ok} />}
        <Button variant="secondary" className="w-full" onClick={onGenerate}>
          {t("generateLink")}
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
  const [state, action, pending] = useActionThen(issueLinkAction, onIssued);
  const t = useTranslations("photoDialog");
  const issued = state?.ok ? state.result : null;
  if (issued) return <LinkResult url={issued.url} expiresAt={issued.expiresAt} qrSvg={issued.qrSvg} />;
  return (
    <form action={action} className="space-y-3">
      {!state?.ok && <FormMessage message={state?.message} />}
      <input type="hidden" name="id" value={identityId} />
      <LinkConditionsFields />
      <p className="text-xs text-slate-500">{t("replacesLink")}</p>
      <DialogButtons
        back={{ label: t("back"), onClick: onBack }}
        submit={{ label: t("generate"), pending: t("generating") }}
        busy={pending}
      />
    </form>
  );
}
