import type { IdentityRow } from "@/lib/identities/service";
import { PhotoDialog } from "./photo-dialog";
import { PortraitThumb } from "./portrait-thumb";

type Identity = Pick<
  IdentityRow,
  "id" | "displayName" | "linkExpiresAt" | "currentPortraitId" | "hasThumbnail"
>;

/** An identity's portrait (or initials) as the button that opens its photo dialog: change the photo, or send a link. */
export function PortraitButton({ identity }: { identity: Identity }) {
  return (
    <PhotoDialog
      identityId={identity.id}
      displayName={identity.displayName}
      linkExpiresAt={identity.linkExpiresAt ?? null}
    >
      <PortraitThumb identity={identity} />
    </PhotoDialog>
  );
}
