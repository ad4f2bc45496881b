"use client";

import { useLocale, useTranslations } from "next-intl";
import { listFormat } from "@/lib/i18n/list";
import type { Locale } from "@/lib/i18n/upload";
import { useActionState, useState } from "react";
import { CsvDownload } from "@/components/admin/csv-download";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { FormMessage } from "@/components/ui/field";
import { Checkbox } from "../../identities/link-conditions-fields";
import { remindCampaignAction } from "../actions";

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
  const t = useTranslations("remind");
  const locale = useLocale() as Locale;
  const [open, setOpen] = useState(false);
  const [state, action, pending] = useActionState(remindCampaignAction, undefined);
  const done = state?.ok ? (state.result as Reminded) : null;
  return (
    <>
      <Button onClick={() => setOpen(true)} disabled={count === 0}>
        {t("open", { count })}
      </Button>
      <Dialog open={open} onOpenChange={setOpen} title={t("title")}>
        {done ? (
          <div className="space-y-4" data-testid="reminded">
            <FormMessage
              ok
              message={`${t("done", { count: done.people })} ${done.mailed ? t("mailed", { count: done.mailed }) : ""}`}
            />
            {done.people > 0 && (
              <>
                <p className="text-sm text-slate-600">{t("once")}</p>
                <CsvDownload csv={done.csv} fileName={done.fileName} label={t("download")} />
              </>
            )}
          </div>
        ) : (
          <form action={action} className="space-y-3">
            {state && !state.ok && <FormMessage message={state.message} />}
            <input type="hidden" name="id" value={campaignId} />
            <p className="text-sm text-slate-700">{t("lead", { count })}</p>
            <Checkbox
              name="email"
              label={t("email")}
              hint={
                mail.configured
                  ? t("emailHint")
                  : t("emailMissing", { missing: listFormat(locale, mail.missing) })
              }
              disabled={!mail.configured}
            />
            <div className="flex justify-end">
              <Button type="submit" disabled={pending}>
                {pending ? t("working") : t("confirm", { count })}
              </Button>
            </div>
          </form>
        )}
      </Dialog>
    </>
  );
}
