/**
 * Upload links: issuing and revoking them (issue.ts); finding a valid one, using it, and telling
 * what became of a used one (redeem.ts).
 */
export {
  type IssuedLink,
  type IssueOptions,
  missingIdentities,
  issueUploadLinks,
  issueUploadLink,
  revokeUploadLink,
} from "./issue";
export {
  type ValidLink,
  findValidLink,
  type UploadOutcome,
  type UsedLinkOutcome,
  findUsedLinkOutcome,
  consumeUploadLink,
} from "./redeem";
