import { useTranslations } from "next-intl";
import type { IdentityRow } from "@/lib/identities/service";

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]!.toUpperCase())
    .join("");
}

/**
 * The current portrait's thumbnail, or initials when there is none or only a template was kept.
 * It sits inside the "Change photo" button (photo-dialog.tsx): the image's text ("Portrait of …")
 * or the initials, the button's visible content, start the button's name, so a screen reader
 * hears whether there is a portrait before "Change photo of …".
 */
export function PortraitThumb({
  identity,
}: {
  identity: Pick<IdentityRow, "currentPortraitId" | "hasThumbnail" | "displayName">;
}) {
  const t = useTranslations("identities");
  const ring = "ring-2 ring-transparent transition group-hover:ring-brand-500";
  if (identity.currentPortraitId && identity.hasThumbnail) {
    return (
      // eslint-disable-next-line @next/next/no-img-element -- private, session-checked image; not for the optimizer
      <img
        src={`/api/portraits/${identity.currentPortraitId}/thumbnail`}
        alt={t("portraitOf", { name: identity.displayName })}
        width={40}
        height={40}
        className={`h-10 w-10 max-w-none shrink-0 rounded-full object-cover ${ring}`}
      />
    );
  }
  const templateOnly = Boolean(identity.currentPortraitId);
  return (
    <span
      title={templateOnly ? t("templateOnlyHint") : t("badges.noPortrait")}
      className={`flex h-10 w-10 shrink-0 items-center justify-center rounded-full text-xs font-semibold ${ring} ${templateOnly ? "bg-brand-100 text-brand-700 group-hover:bg-brand-50" : "bg-slate-200 text-slate-800 group-hover:bg-slate-100"}`}
    >
      {initials(identity.displayName) || "?"}
      <span className="sr-only">{` (${t(templateOnly ? "srTemplateOnly" : "srNoPortrait")})`}</span>
    </span>
  );
}
