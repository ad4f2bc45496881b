import { sessionImageRoute } from "@/lib/http/session-image";
import { readPortraitImage } from "@/lib/portraits/read";

export const dynamic = "force-dynamic";

/** A stored portrait image or thumbnail, for members of the portrait's organization only. */
export const GET = sessionImageRoute(readPortraitImage);
