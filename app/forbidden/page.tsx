import Link from "next/link";

export const metadata = { title: "Not allowed" };

export default function Forbidden() {
  return (
    <main className="mx-auto max-w-md p-8 text-center">
      <h1 className="text-xl font-semibold">You don’t have access to this page</h1>
      <p className="mt-2 text-slate-600">
        Your role in this organization does not include it. Ask an owner if you need it.
      </p>
      <Link href="/" className="mt-6 inline-block text-brand-600 underline">
        Back to the console
      </Link>
    </main>
  );
}
