import { requirePageSession } from "@/lib/auth/session";
import { SearchForm } from "./search-form";

export const metadata = { title: "Search by face" };

export default async function SearchPage() {
  // PRODUCT.md: reviewers decide approvals only; 1:N face search is for admins and owners.
  await requirePageSession("admin");
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold">Search by face</h1>
        <p className="text-sm text-slate-600">
          Upload a photo to find the registered identities it matches, best first.
        </p>
      </div>
      <SearchForm />
    </div>
  );
}
