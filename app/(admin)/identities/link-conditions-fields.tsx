/**
 * The three upload conditions and the expiry of a self-registration link: one set of fields for
 * a single identity's link (photo-dialog.tsx) and for a campaign's links (campaign-dialog.tsx).
 * Field names: doNotStore, skipQualityCheck, requireApproval (checkboxes), expiresInHours; and
 * `email` (MailLinksCheckbox), for a campaign's links and for its reminders.
 */
import { useLocale, useTranslations } from "next-intl";
import { listFormat } from "@/lib/i18n/list";
import type { Locale } from "@/lib/i18n/upload";

export const EXPIRY_HOURS = [1, 24, 72, 168, 336, 720];

export function Checkbox({
  name,
  label,
  hint,
  defaultChecked,
  disabled,
}: {
  name: string;
  label: string;
  hint: string;
  defaultChecked?: boolean;
  disabled?: boolean;
}) {
  return (
    <label className={`flex gap-3 rounded-md p-2 ${disabled ? "opacity-60" : "hover:bg-slate-50"}`}>
      <input
        type="checkbox"
        name={name}
        defaultChecked={defaultChecked}
        disabled={disabled}
        className="mt-1 h-4 w-4 accent-brand-600"
      />
      <span>
        <span className="block text-sm font-medium text-slate-800">{label}</span>
        <span className="block text-xs text-slate-500">{hint}</span>
      </span>
    </label>
  );
}

export function LinkConditionsFields() {
  const t = useTranslations("linkConditions");
  return (
    <>
      <fieldset className="space-y-1">
        <legend className="sr-only">{t("legend")}</legend>
        <Checkbox name="doNotStore" label={t("doNotStore")} hint={t("doNotStoreHint")} />
        <Checkbox name="skipQualityCheck" label={t("skipQualityCheck")} hint={t("skipQualityCheckHint")} />
        <Checkbox name="requireApproval" label={t("requireApproval")} hint={t("requireApprovalHint")} />
      </fieldset>
      <label className="block text-sm font-medium text-slate-700">
        {t("expiry")}
        <select
          name="expiresInHours"
          defaultValue="168"
          className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
        >
          {EXPIRY_HOURS.map((hours) => (
            <option key={hours} value={hours}>
              {hours < 24 ? t("hours", { count: hours }) : t("days", { count: hours / 24 })}
            </option>
          ))}
        </select>
      </label>
    </>
  );
}

/** Whether this server can send mail, and if not, the settings it lacks. */
export type MailAvailability = { configured: boolean; missing: string[] };

/**
 * "Email the links" (field `email`): offered only when the server can send mail; otherwise disabled,
 * saying which settings are missing. Its texts are the keys email, emailHint and emailMissing of
 * `messages`, the dialog's own namespace.
 */
export function MailLinksCheckbox({
  mail,
  messages,
}: {
  mail: MailAvailability;
  messages: "campaignDialog" | "remind";
}) {
  const t = useTranslations(messages);
  const locale = useLocale() as Locale;
  return (
    <Checkbox
      name="email"
      label={t("email")}
      hint={
        mail.configured ? t("emailHint") : t("emailMissing", { missing: listFormat(locale, mail.missing) })
      }
      disabled={!mail.configured}
    />
  );
}
