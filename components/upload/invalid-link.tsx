import { uploadMessages, type Locale } from "@/lib/i18n/upload";

/** One page for used, revoked, expired and unknown links: nothing tells them apart. */
export function InvalidLink({ locale }: { locale: Locale }) {
  const t = uploadMessages[locale];
  return (
    <div className="my-auto text-center" data-testid="invalid-link">
      <div
        aria-hidden
        className="mx-auto flex h-14 w-14 items-center justify-center rounded-full bg-slate-200 text-slate-600"
      >
        <svg
          viewBox="0 0 24 24"
          width="28"
          height="28"
          fill="none"
          stroke="currentColor"
          strokeWidth="2"
          strokeLinecap="round"
        >
          <circle cx="12" cy="12" r="9" />
          <path d="M12 7v5l3 2" />
        </svg>
      </div>
      <h1 className="mt-4 text-xl font-semibold">{t.invalidTitle}</h1>
      <p className="mt-2 text-slate-700">{t.invalidBody}</p>
    </div>
  );
}
