import { readApprovalImage } from "@/lib/approvals/service";
import { sessionImageRoute } from "@/lib/http/session-image";

export const dynamic = "force-dynamic";

/** The held upload of a pending request (image or thumbnail), for members of its organization. */
export const GET = sessionImageRoute(readApprovalImage);
