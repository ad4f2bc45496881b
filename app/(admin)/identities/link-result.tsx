"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { DateTime } from "@/components/ui/date-time";
import { Button } from "@/components/ui/button";
import { isLoopbackUrl } from "@/lib/app-url";

/** The freshly issued link: shown once (only its hash is stored), with Copy and a QR code. */
export function LinkResult({ url, expiresAt, qrSvg }: { url: string; expiresAt: string; qrSvg: string }) {
  const t = useTranslations("linkResult");
  const [copied, setCopied] = useState<"idle" | "copied" | "failed">("idle");
  async function copy() {
    try {
      await navigator.clipboard.writeText(url);
      setCopied("copied");
    } catch {
      setCopied("failed");
    }
  }
  return (
    <div className="space-y-3">
      <label className="block text-sm font-medium text-slate-700" htmlFor="issued-link">
        {t("label")}
      </label>
      <div className="flex gap-2">
        <input
          id="issued-link"
          readOnly
          value={url}
          onFocus={(e) => e.target.select()}
          className="min-w-0 flex-1 rounded-md border border-slate-300 bg-slate-50 px-3 py-2 font-mono text-xs"
        />
        <Button onClick={copy}>{copied === "copied" ? t("copied") : t("copy")}</Button>
      </div>
      {isLoopbackUrl(url) && (
        <p
          className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200"
          data-testid="loopback-warning"
        >
          {t("loopback")}
        </p>
      )}
      <p role="status" className="text-xs text-slate-600">
        {copied === "failed" ? `${t("copyBlocked")} ` : ""}
        {t.rich("validUntil", { when: () => <DateTime value={expiresAt} /> })}
      </p>
      <div
        className="mx-auto w-48 rounded-md bg-white p-2 ring-1 ring-slate-200"
        role="img"
        aria-label={t("qr")}
        // The SVG is generated on our server by the qrcode library from the URL above.
        dangerouslySetInnerHTML={{ __html: qrSvg }}
      />
    </div>
  );
}
