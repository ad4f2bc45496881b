/**
 * The three upload conditions and the expiry of a self-registration link: one set of fields for
 * a single identity's link (photo-dialog.tsx) and for a campaign's links (campaign-dialog.tsx).
 * Field names: doNotStore, skipQualityCheck, requireApproval (checkboxes), expiresInHours.
 */
const T = {
  legend: "Upload conditions",
  doNotStore: "Do not store the image file after upload",
  doNotStoreHint: "Only the face template is kept once the upload is applied.",
  skipQualityCheck: "Do not perform a quality check",
  skipQualityCheckHint: "Any readable photo is accepted.",
  requireApproval: "Require approval after the upload",
  requireApprovalHint: "The photo waits in Approvals until someone approves it.",
  expiry: "Link expires after",
};

export const EXPIRY_OPTIONS = [
  { hours: 1, label: "1 hour" },
  { hours: 24, label: "1 day" },
  { hours: 72, label: "3 days" },
  { hours: 168, label: "7 days" },
  { hours: 336, label: "14 days" },
  { hours: 720, label: "30 days" },
];

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
  return (
    <>
      <fieldset className="space-y-1">
        <legend className="sr-only">{T.legend}</legend>
        <Checkbox name="doNotStore" label={T.doNotStore} hint={T.doNotStoreHint} />
        <Checkbox name="skipQualityCheck" label={T.skipQualityCheck} hint={T.skipQualityCheckHint} />
        <Checkbox name="requireApproval" label={T.requireApproval} hint={T.requireApprovalHint} />
      </fieldset>
      <label className="block text-sm font-medium text-slate-700">
        {T.expiry}
        <select
          name="expiresInHours"
          defaultValue="168"
          className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
        >
          {EXPIRY_OPTIONS.map((o) => (
            <option key={o.hours} value={o.hours}>
              {o.label}
            </option>
          ))}
        </select>
      </label>
    </>
  );
}
