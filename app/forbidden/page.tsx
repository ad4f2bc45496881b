import { getTranslations } from "next-intl/server";
import { StatusPage } from "@/components/ui/status-page";

export async function generateMetadata() {
  return { title: (await getTranslations("forbidden"))("tab") };
}

export default function Forbidden() {
  return <StatusPage messages="forbidden" />;
}
