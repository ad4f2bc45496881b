// Auth.js's conventional entry point for the app (route handler, sign-in and sign-out actions); the
// configuration lives in lib/auth so that lib never imports from the root.
export { auth, handlers, signIn, signOut } from "@/lib/auth/next-auth";
