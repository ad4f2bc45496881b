"use client";

import { useActionState, useState } from "react";
import { CsvDownload } from "@/components/admin/csv-download";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { FormMessage } from "@/components/ui/field";
import { Checkbox } from "../../identities/link-conditions-fields";
import { remindCampaignAction } from "../actions";

const T = {
  open: (n: number) => `Remind ${n.toLocaleString("en")} who have not uploaded…`,
  title: "Remind",
  lead: (n: number) =>
    `${n.toLocaleString("en")} ${n === 1 ? "person has" : "people have"} not uploaded yet. Each gets a fresh link (valid as long as the first ones were); their current link stops working.`,
  email: "Email the new links to those who have an address",
  emailHint: "In the campaign's language.",
  emailMissing: (missing: string[]) =>
    `Email is not set up: set ${missing.join(" and ")}. Download the CSV instead.`,
  confirm: (n: number) => `Issue ${n.toLocaleString("en")} new ${n === 1 ? "link" : "links"}`,
  working: "Issuing…",
  once: "The new links exist only now: download the CSV before you close this window.",
  mailed: (n: number) => `${n} ${n === 1 ? "email" : "emails"} queued.`,
  download: "Download CSV",
};

type Reminded = { people: number; mailed: number; csv: string; fileName: string };

export function RemindDialog({
  campaignId,
  count,
  mail,
}: {
  campaignId: string;
  count: number;
  mail: { configured: boolean; missing: string[] };
}) {
  const [open, setOpen] = useState(false);
  const [state, action, pending] = useActionState(remindCampaignAction, undefined);
  const done = state?.ok ? (state.result as Reminded) : null;
  return (
    <>
      <Button onClick={() => setOpen(true)} disabled={count === 0}>
        {T.open(count)}
      </Button>
      <Dialog open={open} onOpenChange={setOpen} title={T.title}>
        {done ? (
          <div className="space-y-4" data-testid="reminded">
            <FormMessage ok message={`${state?.message ?? ""} ${done.mailed ? T.mailed(done.mailed) : ""}`} />
            {done.people > 0 && (
              <>
                <p className="text-sm text-slate-600">{T.once}</p>
                <CsvDownload csv={done.csv} fileName={done.fileName} label={T.download} />
              </>
            )}
          </div>
        ) : (
          <form action={action} className="space-y-3">
            {state && !state.ok && <FormMessage message={state.message} />}
            <input type="hidden" name="id" value={campaignId} />
            <p className="text-sm text-slate-700">{T.lead(count)}</p>
            <Checkbox
              name="email"
              label={T.email}
              hint={mail.configured ? T.emailHint : T.emailMissing(mail.missing)}
              disabled={!mail.configured}
            />
            <div className="flex justify-end">
              <Button type="submit" disabled={pending}>
                {pending ? T.working : T.confirm(count)}
              </Button>
            </div>
          </form>
        )}
      </Dialog>
    </>
  );
}
