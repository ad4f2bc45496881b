"use client";

import { Button } from "@/components/ui/button";

/** Saves text made on the server in this request (e.g. a campaign's links) as a file; nothing is kept elsewhere. */
export function CsvDownload({
  csv,
  fileName,
  label,
  onSaved,
}: {
  csv: string;
  fileName: string;
  label: string;
  onSaved?: () => void;
}) {
  function save() {
    const url = URL.createObjectURL(new Blob([csv], { type: "text/csv;charset=utf-8" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = fileName;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    onSaved?.();
  }
  return <Button onClick={save}>{label}</Button>;
}
