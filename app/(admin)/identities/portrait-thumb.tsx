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

/** The current portrait's thumbnail, or initials when there is none or only a template was kept. */
export function PortraitThumb({
  identity,
}: {
  identity: Pick<IdentityRow, "currentPortraitId" | "hasThumbnail" | "displayName">;
}) {
  const t = useTranslations("identities");
  if (identity.currentPortraitId && identity.hasThumbnail) {
    return (
      // eslint-disable-next-line @next/next/no-img-element -- private, session-checked image; not for the optimizer
      <img
        src={`/api/portraits/${identity.currentPortraitId}/thumbnail`}
        alt={t("portraitOf", { name: identity.displayName })}
        width={40}
        height={40}
        className="h-10 w-10 max-w-none shrink-0 rounded-full object-cover"
      />
    );
  }
  return (
    <span
      aria-label={identity.currentPortraitId ? t("templateOnly") : t("badges.noPortrait")}
      title={identity.currentPortraitId ? t("templateOnlyHint") : t("badges.noPortrait")}
      className={`flex h-10 w-10 shrink-0 items-center justify-center rounded-full text-xs font-semibold ${identity.currentPortraitId ? "bg-brand-100 text-brand-700" : "bg-slate-200 text-slate-700"}`}
    >
      {initials(identity.displayName) || "?"}
    </span>
  );
}
