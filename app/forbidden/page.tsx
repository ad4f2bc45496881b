import { tabTitle } from "@/components/i18n/tab-title";
import { StatusPage } from "@/components/ui/status-page";

export const generateMetadata = tabTitle("forbidden.tab");

export default function Forbidden() {
  return <StatusPage messages="forbidden" />;
}
