/**
 * Identities: listing, counting and finding them (read.ts); creating, changing and deleting them
 * (write.ts), each change with its audit event.
 */
export {
  countMatchingIdentities,
  getIdentity,
  identityMatchConditions,
  listIdentities,
  matchingIdentityIds,
  type IdentityPage,
  type IdentityRow,
} from "./read";
export { createIdentity, deleteIdentity, updateIdentity } from "./write";
