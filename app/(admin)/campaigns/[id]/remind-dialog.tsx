"use client";

import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { SaveLinks, useUnsavedLinks } from "@/components/admin/unsaved-links";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { DialogButtons } from "@/components/ui/dialog-form";
import { FormMessage } from "@/components/ui/field";
import { MailLinksCheckbox, type MailAvailability } from "../../identities/link-conditions-fields";
import { remindCampaignAction } from "../actions";

type Reminded = { people: number; mailed: number; csv: string; fileName: string };

export function RemindDialog({
  campaignId,
  count,
  mail,
}: {
  campaignId: string;
  count: number;
  mail: MailAvailability;
}) {
  const t = useTranslations("remind");
  const [open, setOpen] = useState(false);
  const [state, action, pending] = useActionState(remindCampaignAction, undefined);
  const done = state?.ok ? (state.result as Reminded) : null;
  const guard = useUnsavedLinks();
  const [seen, setSeen] = useState<Reminded | null>(null);
  if (done !== seen) {
    // A new result: its links are unsaved until downloaded (those mailed reached their people).
    setSeen(done);
    if (done) guard.made(done.people - done.mailed);
  }
  const onOpenChange = (next: boolean) => {
    if (next) setOpen(true);
    else if (guard.mayClose()) setOpen(false);
  };
  return (
    <>
      <Button onClick={() => setOpen(true)} disabled={count === 0}>
        {t("open", { count })}
      </Button>
      <Dialog open={open} onOpenChange={onOpenChange} title={t("title")}>
        {done ? (
          <div className="space-y-4" data-testid="reminded">
            <FormMessage
              ok
              message={`${t("done", { count: done.people })} ${done.mailed ? t("mailed", { count: done.mailed }) : ""}`}
            />
            {done.people > 0 && (
              <>
                <p className="text-sm text-slate-600">{t("once")}</p>
                <SaveLinks
                  csv={done.csv}
                  fileName={done.fileName}
                  label={t("download")}
                  guard={guard}
                  onDiscard={() => {
                    guard.reset();
                    setOpen(false);
                  }}
                />
              </>
            )}
          </div>
        ) : (
          <form action={action} className="space-y-3">
            {state && !state.ok && <FormMessage message={state.message} />}
            <input type="hidden" name="id" value={campaignId} />
            <p className="text-sm text-slate-700">{t("lead", { count })}</p>
            <MailLinksCheckbox mail={mail} messages="remind" />
            <DialogButtons
              submit={{ label: t("confirm", { count }), pending: t("working") }}
              busy={pending}
            />
          </form>
        )}
      </Dialog>
    </>
  );
}
