import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { hasAnyUser } from "@/lib/auth/accounts";
import { SetupForm } from "./setup-form";

export const dynamic = "force-dynamic";
export const metadata = { title: "Set up" };

export default async function SetupPage() {
  if (await hasAnyUser(await getDb())) notFound();
  return (
    <main className="mx-auto flex min-h-dvh max-w-md flex-col justify-center p-6">
      <h1 className="text-2xl font-semibold">Set up Identity Manager</h1>
      <p className="mt-2 text-sm text-slate-600">
        Create your organization and its owner account. You can invite admins and reviewers afterwards.
      </p>
      <SetupForm />
    </main>
  );
}
