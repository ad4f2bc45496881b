import { StatusPage } from "@/components/ui/status-page";
import { tabTitle } from "@/components/i18n/tab-title";

export const generateMetadata = tabTitle("forbidden.tab");

export default function Forbidden() {
  return <StatusPage messages="forbidden" />;
}
