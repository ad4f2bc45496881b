"use client";

import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { useState, useTransition, type FormEvent } from "react";
import { SaveLinks, useUnsavedLinks } from "@/components/admin/unsaved-links";
import { Button } from "@/components/ui/button";
import { buttonClass } from "@/components/ui/button-class";
import { Dialog } from "@/components/ui/dialog";
import { DialogButtons } from "@/components/ui/dialog-form";
import { FormMessage, TextField } from "@/components/ui/field";
import type { ActionState } from "@/lib/auth/action";
import { browserTimeZone, formatDate } from "@/lib/i18n/dates";
import type { Locale } from "@/lib/i18n/upload";
import { createCampaignAction, previewCampaignAction } from "../campaigns/actions";
import { LinkConditionsFields, MailLinksCheckbox, type MailAvailability } from "./link-conditions-fields";

export type CampaignTarget =
  | { mode: "ids"; ids: string[]; count: number }
  | { mode: "match"; q: string; filter: string; months: number; count: number };

type Preview = { people: number; withEmail: number; withActiveLink: number };
type Created = {
  campaignId: string;
  people: number;
  replaced: number;
  mailed: number;
  csv: string;
  fileName: string;
};

function SelectionFields({ target, expectedCount }: { target: CampaignTarget; expectedCount?: number }) {
  if (target.mode === "ids")
    return (
      <>
        <input type="hidden" name="mode" value="ids" />
        <input type="hidden" name="ids" value={target.ids.join(",")} />
      </>
    );
  return (
    <>
      <input type="hidden" name="mode" value="match" />
      <input type="hidden" name="q" value={target.q} />
      <input type="hidden" name="filter" value={target.filter} />
      <input type="hidden" name="months" value={target.months} />
      {expectedCount !== undefined && <input type="hidden" name="expectedCount" value={expectedCount} />}
    </>
  );
}

/** Settings (the same conditions as for one identity) → confirmation with the count → the links. */
export function CampaignDialog({
  target,
  mail,
  defaultLocale,
  onClose,
  onCreated,
}: {
  target: CampaignTarget | null;
  mail: MailAvailability;
  defaultLocale: "ja" | "en";
  onClose: () => void;
  onCreated: () => void;
}) {
  const t = useTranslations("campaignDialog");
  const guard = useUnsavedLinks();
  const close = () => {
    guard.reset();
    onClose();
  };
  return (
    <Dialog
      open={target !== null}
      onOpenChange={(open) => !open && guard.mayClose() && close()}
      title={t("title")}
      description={target ? t("people", { count: target.count }) : undefined}
    >
      {target && (
        <CampaignSteps
          target={target}
          mail={mail}
          defaultLocale={defaultLocale}
          guard={guard}
          onCreated={onCreated}
          onDiscard={close}
        />
      )}
    </Dialog>
  );
}

function CampaignSteps({
  target,
  mail,
  defaultLocale,
  guard,
  onCreated,
  onDiscard,
}: {
  target: CampaignTarget;
  mail: MailAvailability;
  defaultLocale: "ja" | "en";
  guard: ReturnType<typeof useUnsavedLinks>;
  onCreated: () => void;
  onDiscard: () => void;
}) {
  const t = useTranslations("campaignDialog");
  const locale = useLocale() as Locale;
  // Today in the user's words and zone: "Photo campaign 26 Nov 2026" (the dialog opens in the browser).
  const [defaultName] = useState(() =>
    t("defaultName", { date: formatDate(new Date(), { locale, timeZone: browserTimeZone() }) }),
  );
  const [settings, setSettings] = useState<FormData | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [created, setCreated] = useState<Created | null>(null);
  const [state, setState] = useState<ActionState | undefined>();
  const [pending, startTransition] = useTransition();

  function onContinue(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    startTransition(async () => {
      const result = await previewCampaignAction(undefined, form);
      setState(result);
      if (result.ok) {
        setSettings(form);
        setPreview(result.result as Preview);
      }
    });
  }

  function onConfirm() {
    if (!settings || !preview) return;
    const form = new FormData();
    settings.forEach((value, key) => form.append(key, value));
    if (target.mode === "match") form.set("expectedCount", String(preview.people));
    startTransition(async () => {
      const result = await createCampaignAction(undefined, form);
      setState(result);
      if (result.ok) {
        const made = result.result as Created;
        setCreated(made);
        guard.made(made.people - made.mailed);
        onCreated();
      } else if (result.errors?.name || result.errors?.expiresInHours) setPreview(null);
    });
  }

  if (created) {
    return (
      <div className="space-y-4" data-testid="campaign-created">
        <FormMessage
          ok
          message={[
            t("done", { count: created.people }),
            created.replaced ? t("doneReplaced", { count: created.replaced }) : "",
            created.mailed ? t("doneMailed", { count: created.mailed }) : "",
          ].join("")}
        />
        <p className="text-sm text-slate-600">{t("once")}</p>
        <div className="flex flex-wrap gap-2">
          <SaveLinks
            csv={created.csv}
            fileName={created.fileName}
            label={t("download")}
            guard={guard}
            onDiscard={onDiscard}
          />
          <Link href={`/campaigns/${created.campaignId}`} className={buttonClass("secondary")}>
            {t("open")}
          </Link>
        </div>
      </div>
    );
  }

  const confirming = preview !== null && settings !== null;
  const mailing = settings?.get("email") === "on";
  return (
    <>
      {confirming && (
        <div className="space-y-4">
          {state && !state.ok && <FormMessage message={state.message} />}
          <h3 className="text-base font-semibold">{t("confirmTitle", { count: preview.people })}</h3>
          <ul className="list-disc space-y-1 pl-5 text-sm text-slate-700">
            <li>{t(mailing ? "withEmailMailing" : "withEmail", { count: preview.withEmail })}</li>
            <li>{t("withActiveLink", { count: preview.withActiveLink })}</li>
          </ul>
          <div className="flex justify-between gap-2">
            <Button variant="ghost" onClick={() => setPreview(null)} disabled={pending}>
              {t("back")}
            </Button>
            <Button onClick={onConfirm} disabled={pending || preview.people === 0}>
              {pending ? t("creating") : t("confirm", { count: preview.people })}
            </Button>
          </div>
        </div>
      )}
      {/* Kept mounted while confirming, so "Back" finds every field as it was left. */}
      <form onSubmit={onContinue} className={confirming ? "hidden" : "space-y-3"}>
        {!confirming && state && !state.ok && <FormMessage message={state.message} />}
        <SelectionFields target={target} />
        <TextField
          label={t("name")}
          name="name"
          required
          maxLength={120}
          defaultValue={defaultName}
          hint={t("nameHint")}
          errors={state?.errors?.name}
        />
        <LinkConditionsFields />
        <label className="block text-sm font-medium text-slate-700">
          {t("language")}
          <select
            name="locale"
            defaultValue={defaultLocale}
            className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
          >
            <option value="ja">日本語</option>
            <option value="en">English</option>
          </select>
        </label>
        <MailLinksCheckbox mail={mail} messages="campaignDialog" />
        <DialogButtons submit={{ label: t("next"), pending: t("checking") }} busy={pending} />
      </form>
    </>
  );
}
