import { StatusPage } from "@/components/ui/status-page";

export default function NotFound() {
  return <StatusPage messages="notFound" />;
}
