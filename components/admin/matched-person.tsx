import type { ReactNode } from "react";
import { PortraitThumbnail } from "./portrait-thumbnail";

export interface Match {
  portraitId: string;
  hasThumbnail: boolean;
  displayName: string;
  externalId: string;
}

/**
 * Someone a face was matched to (a search result, a possible duplicate): their portrait, name and
 * external ID, then `children` (how similar) under them. It fills a flex row; the row is the caller's.
 */
export function MatchedPerson({
  match,
  templateOnly,
  children,
}: {
  match: Match;
  /** What stands in for the portrait where only its face template was kept. */
  templateOnly: string;
  children?: ReactNode;
}) {
  return (
    <>
      <PortraitThumbnail
        portraitId={match.portraitId}
        hasThumbnail={match.hasThumbnail}
        templateOnly={templateOnly}
        round
      />
      <span className="min-w-0 flex-1 wrap-anywhere">
        <span className="block font-medium">{match.displayName}</span>
        <span className="font-mono text-xs text-slate-500">{match.externalId}</span>
        {children}
      </span>
    </>
  );
}
