"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { CsvDownload } from "./csv-download";

/**
 * Links made in this request exist only in this window (only their fingerprints are stored): a
 * dialog that shows them asks before it closes while some were neither saved as CSV nor mailed.
 * `unsaved`: such links are on show; `asking`: the person tried to close, the warning is up.
 */
export function useUnsavedLinks() {
  const [unsaved, setUnsaved] = useState(false);
  const [asking, setAsking] = useState(false);
  return {
    unsaved,
    asking,
    /** Links were made; `unmailed` of them reached nobody yet. */
    made(unmailed: number) {
      setUnsaved(unmailed > 0);
      setAsking(false);
    },
    saved() {
      setUnsaved(false);
      setAsking(false);
    },
    /** The dialog's close request: true when it may close now, else the warning goes up. */
    mayClose(): boolean {
      if (!unsaved) return true;
      setAsking(true);
      return false;
    },
    reset() {
      setUnsaved(false);
      setAsking(false);
    },
  };
}

/** Download CSV, and once a close was tried, the warning with "Close without the CSV". */
export function SaveLinks({
  csv,
  fileName,
  label,
  guard,
  onDiscard,
}: {
  csv: string;
  fileName: string;
  label: string;
  guard: ReturnType<typeof useUnsavedLinks>;
  onDiscard: () => void;
}) {
  const t = useTranslations("unsavedLinks");
  return (
    <>
      {guard.asking && (
        <div role="alert" className="space-y-2 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          <p>{t("warning")}</p>
          <Button variant="danger" onClick={onDiscard}>
            {t("discard")}
          </Button>
        </div>
      )}
      <CsvDownload csv={csv} fileName={fileName} label={label} onSaved={guard.saved} />
    </>
  );
}
