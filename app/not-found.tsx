import Link from "next/link";

export default function NotFound() {
  return (
    <main className="mx-auto max-w-md p-8 text-center">
      <h1 className="text-xl font-semibold">Page not found</h1>
      <p className="mt-2 text-slate-600">The page you asked for does not exist or is no longer available.</p>
      <Link href="/" className="mt-6 inline-block text-brand-600 underline">
        Go to the start page
      </Link>
    </main>
  );
}
