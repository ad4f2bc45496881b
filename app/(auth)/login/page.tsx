import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { hasAnyUser } from "@/lib/auth/accounts";
import { getSessionContext } from "@/lib/auth/session";
import { LoginForm } from "./login-form";

export const dynamic = "force-dynamic";
export const metadata = { title: "Sign in" };

export default async function LoginPage() {
  if (!(await hasAnyUser(await getDb()))) redirect("/setup");
  if (await getSessionContext()) redirect("/");
  return (
    <main className="mx-auto flex min-h-dvh max-w-sm flex-col justify-center p-6">
      <h1 className="text-2xl font-semibold">Sign in</h1>
      <p className="mt-1 text-sm text-slate-600">Identity Manager</p>
      <LoginForm />
    </main>
  );
}
