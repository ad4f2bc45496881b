import { requirePageSession } from "@/lib/auth/session";
import { PasswordForm } from "./password-form";

export const metadata = { title: "Your account" };

export default async function AccountPage() {
  const ctx = await requirePageSession("reviewer");
  return (
    <div className="max-w-md space-y-4">
      <div>
        <h1 className="text-2xl font-semibold">Your account</h1>
        <p className="text-sm text-slate-600">
          {ctx.email} · {ctx.role} of {ctx.organizationName}
        </p>
      </div>
      <PasswordForm />
    </div>
  );
}
