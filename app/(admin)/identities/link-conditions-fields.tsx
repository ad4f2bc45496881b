/**
 * The three upload conditions and the expiry of a self-registration link: one set of fields for
 * a single identity's link (photo-dialog.tsx) and for a campaign's links (campaign-dialog.tsx).
 * Field names: doNotStore, skipQualityCheck, requireApproval (checkboxes), expiresInHours.
 */
import { useTranslations } from "next-intl";

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
