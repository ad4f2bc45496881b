/**
 * A stored portrait's thumbnail (48 px), round for a person found by their face, square for a photo in a
 * history; where only the face template was kept, `templateOnly` says so in its place. It stands beside
 * the person's name, so the image itself is decorative.
 */
export function PortraitThumbnail({
  portraitId,
  hasThumbnail,
  templateOnly,
  round = false,
}: {
  portraitId: string;
  hasThumbnail: boolean;
  templateOnly: string;
  round?: boolean;
}) {
  const box = `h-12 w-12 shrink-0 ${round ? "rounded-full" : "rounded-md"}`;
  if (!hasThumbnail)
    return (
      <span
        className={`flex items-center justify-center bg-slate-100 text-center text-[10px] leading-tight text-slate-600 ${box}`}
      >
        {templateOnly}
      </span>
    );
  return (
    // eslint-disable-next-line @next/next/no-img-element -- private, session-checked image
    <img src={`/api/portraits/${portraitId}/thumbnail`} alt="" className={`object-cover ${box}`} />
  );
}
