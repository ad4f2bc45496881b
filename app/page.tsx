import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { hasAnyUser } from "@/lib/auth/accounts";

export const dynamic = "force-dynamic";

export default async function Home() {
  redirect((await hasAnyUser(await getDb())) ? "/identities" : "/setup");
}
