"use client";

import Link from "next/link";
import { useState, useTransition, type FormEvent } from "react";
import { CsvDownload } from "@/components/admin/csv-download";
import { Button, buttonClass } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { FormMessage, TextField } from "@/components/ui/field";
import type { ActionState } from "@/lib/auth/action";
import { createCampaignAction, previewCampaignAction } from "../campaigns/actions";
import { Checkbox, LinkConditionsFields } from "./link-conditions-fields";

const T = {
  title: "Start a photo campaign",
  people: (n: number) => `${n.toLocaleString("en")} ${n === 1 ? "person" : "people"}`,
  name: "Campaign name",
  nameHint: "Shown on the campaign page and in the CSV's file name.",
  defaultName: () => `Photo campaign ${new Date().toISOString().slice(0, 10)}`,
  language: "Language of the emails",
  email: "Email each person who has an address their link",
  emailHint: "Sent from this server through SMTP, in the language above, with your organization's name.",
  emailMissing: (missing: string[]) =>
    `Email is not set up on this server: set ${missing.join(" and ")} and restart. You can still download the links as a CSV.`,
  next: "Continue",
  checking: "Counting…",
  back: "← Back",
  confirmTitle: (n: number) => `Ask ${n.toLocaleString("en")} ${n === 1 ? "person" : "people"} for a photo?`,
  withEmail: (n: number, mailing: boolean) =>
    mailing ? `${n} will get an email (the others only through the CSV).` : `${n} have an email address.`,
  withActiveLink: (n: number) =>
    n === 0
      ? "None of them has an active link."
      : `${n} already ${n === 1 ? "has an active link, which" : "have an active link, which"} will stop working.`,
  confirm: (n: number) => `Start campaign (${n.toLocaleString("en")})`,
  creating: "Issuing links…",
  doneTitle: "Campaign started",
  done: (people: number, replaced: number, mailed: number) =>
    `${people.toLocaleString("en")} ${people === 1 ? "link" : "links"} issued${replaced ? `, ${replaced} replacing an active link` : ""}${mailed ? `; ${mailed} ${mailed === 1 ? "email" : "emails"} queued` : ""}.`,
  once: "The links exist only now (only their fingerprints are stored): download the CSV before you close this window. If you lose it, use Remind on the campaign page to issue fresh links.",
  download: "Download CSV",
  open: "Open the campaign page",
};

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
  mail: { configured: boolean; missing: string[] };
  defaultLocale: "ja" | "en";
  onClose: () => void;
  onCreated: () => void;
}) {
  return (
    <Dialog
      open={target !== null}
      onOpenChange={(open) => !open && onClose()}
      title={T.title}
      description={target ? T.people(target.count) : undefined}
    >
      {target && (
        <CampaignSteps target={target} mail={mail} defaultLocale={defaultLocale} onCreated={onCreated} />
      )}
    </Dialog>
  );
}

function CampaignSteps({
  target,
  mail,
  defaultLocale,
  onCreated,
}: {
  target: CampaignTarget;
  mail: { configured: boolean; missing: string[] };
  defaultLocale: "ja" | "en";
  onCreated: () => void;
}) {
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
        setCreated(result.result as Created);
        onCreated();
      } else if (result.errors?.name || result.errors?.expiresInHours) setPreview(null);
    });
  }

  if (created) {
    return (
      <div className="space-y-4" data-testid="campaign-created">
        <FormMessage
          ok
          message={`${T.doneTitle}: ${T.done(created.people, created.replaced, created.mailed)}`}
        />
        <p className="text-sm text-slate-600">{T.once}</p>
        <div className="flex flex-wrap gap-2">
          <CsvDownload csv={created.csv} fileName={created.fileName} label={T.download} />
          <Link href={`/campaigns/${created.campaignId}`} className={buttonClass("secondary")}>
            {T.open}
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
          <h3 className="text-base font-semibold">{T.confirmTitle(preview.people)}</h3>
          <ul className="list-disc space-y-1 pl-5 text-sm text-slate-700">
            <li>{T.withEmail(preview.withEmail, mailing)}</li>
            <li>{T.withActiveLink(preview.withActiveLink)}</li>
          </ul>
          <div className="flex justify-between gap-2">
            <Button variant="ghost" onClick={() => setPreview(null)} disabled={pending}>
              {T.back}
            </Button>
            <Button onClick={onConfirm} disabled={pending || preview.people === 0}>
              {pending ? T.creating : T.confirm(preview.people)}
            </Button>
          </div>
        </div>
      )}
      {/* Kept mounted while confirming, so "Back" finds every field as it was left. */}
      <form onSubmit={onContinue} className={confirming ? "hidden" : "space-y-3"}>
        {!confirming && state && !state.ok && <FormMessage message={state.message} />}
        <SelectionFields target={target} />
        <TextField
          label={T.name}
          name="name"
          required
          maxLength={120}
          defaultValue={T.defaultName()}
          hint={T.nameHint}
          errors={state?.errors?.name}
        />
        <LinkConditionsFields />
        <label className="block text-sm font-medium text-slate-700">
          {T.language}
          <select
            name="locale"
            defaultValue={defaultLocale}
            className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
          >
            <option value="ja">日本語</option>
            <option value="en">English</option>
          </select>
        </label>
        <Checkbox
          name="email"
          label={T.email}
          hint={mail.configured ? T.emailHint : T.emailMissing(mail.missing)}
          disabled={!mail.configured}
        />
        <div className="flex justify-end">
          <Button type="submit" disabled={pending}>
            {pending ? T.checking : T.next}
          </Button>
        </div>
      </form>
    </>
  );
}
