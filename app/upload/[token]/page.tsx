import type { Metadata } from "next";
import { headers } from "next/headers";
import { preload, preloadModule } from "react-dom";
import { getDb } from "@/db/client";
import { FACE_ENGINE_CODE, FACE_ENGINE_MODELS, FACE_MODEL_BASE } from "@/lib/face-model/files";
import { pickLocale, uploadMessages } from "@/lib/i18n/upload";
import { markLinkOpened } from "@/lib/links/events";
import { findValidLink } from "@/lib/links/service";
import { logError } from "@/lib/log";
import { resolveThresholds } from "@/lib/portrait/thresholds";
import { InvalidLink } from "@/components/upload/invalid-link";
import { UploadFlow } from "@/components/upload/upload-flow";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const locale = pickLocale((await headers()).get("accept-language"));
  return {
    title: uploadMessages[locale].title,
    robots: { index: false, follow: false, nocache: true },
    referrer: "no-referrer",
  };
}

/** The person's page behind a one-time link. Opening it (GET/HEAD, previews, scanners) never consumes it. */
export default async function UploadPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const locale = pickLocale((await headers()).get("accept-language"));
  const t = uploadMessages[locale];
  const db = await getDb();
  const link = await findValidLink(db, token);
  if (link) {
    // The live camera's engine (1.6 MB) starts downloading with the page, at low priority, so the
    // camera view rarely waits for the network; it runs only once the page is usable.
    preloadModule(`${FACE_MODEL_BASE}${FACE_ENGINE_CODE}`, { as: "script" });
    for (const file of FACE_ENGINE_MODELS)
      preload(`${FACE_MODEL_BASE}${file}`, { as: "fetch", crossOrigin: "anonymous", fetchPriority: "low" });
  }
  // Only notes the first view (and the language asked for); the link stays as usable as before.
  if (link)
    await markLinkOpened(db, link.linkId, locale).catch((error) => logError("noting a link view", error));
  return (
    <main lang={locale} className="group mx-auto flex min-h-dvh max-w-md flex-col px-5 py-8">
      {link ? (
        <>
          <p className="text-sm font-medium text-brand-700">{link.organizationName}</p>
          <h1 className="mt-1 text-2xl font-semibold">{t.title}</h1>
          <p className="mt-2 text-slate-700">{t.intro(link.organizationName)}</p>
          {link.conditions.requireApproval && (
            <p className="mt-1 text-sm text-slate-600">{t.reviewed(link.organizationName)}</p>
          )}
          {/* Tips are for taking the photo: once it is registered, only the thank-you is left. */}
          <section
            aria-labelledby="tips"
            className="mt-5 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 group-has-[[data-testid=upload-done]]:hidden"
          >
            <h2 id="tips" className="text-sm font-semibold">
              {t.tipsTitle}
            </h2>
            <ul className="mt-2 list-disc space-y-1 pl-5 text-sm text-slate-700">
              {t.tips.map((tip) => (
                <li key={tip}>{tip}</li>
              ))}
            </ul>
          </section>
          <UploadFlow token={token} locale={locale} thresholds={resolveThresholds(link.qualityThresholds)} />
          <p className="mt-auto pt-8 text-center text-xs text-slate-500">{t.privacy}</p>
        </>
      ) : (
        <InvalidLink locale={locale} />
      )}
    </main>
  );
}
