import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageSession } from "@/lib/auth/session";
import { SearchForm } from "./search-form";
import { tabTitle } from "@/components/i18n/tab-title";

export const generateMetadata = tabTitle("search.title");

export default async function SearchPage() {
  // PRODUCT.md: reviewers decide approvals only; 1:N face search is for admins and owners.
  await requirePageSession("admin");
  const t = await getTranslations("search");
  return (
    <div className="space-y-4">
      <PageHeader title={t("title")} intro={t("intro")} />
      <SearchForm />
    </div>
  );
}
