import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getDb } from "@/db/client";
import { attemptLogin } from "@/lib/auth/login";
import { clientIp } from "@/lib/http/client-ip";
import { env } from "@/lib/env";

class ThrottledSignin extends CredentialsSignin {
  code = "throttled";
}

/** What the signed session cookie carries; every request re-checks it against the database. */
export interface SessionClaims {
  uid: string;
  org: string;
  sv: number;
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  secret: env().AUTH_SECRET,
  trustHost: true,
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  // Auth.js's own error page answers 500 for "Configuration" (GET /api/auth/error?error=Configuration):
  // its errors go to the sign-in page instead, which needs no parameter.
  pages: { signIn: "/login", error: "/login" },
  logger: {
    // A wrong password is an expected outcome, not a server error worth a stack trace.
    error(error) {
      if (error.name === "CredentialsSignin" || (error as { type?: string }).type === "CredentialsSignin")
        return;
      console.error(`[auth] ${error.name}: ${error.message}`);
    },
  },
  providers: [
    Credentials({
      credentials: { email: { type: "email" }, password: { type: "password" } },
      async authorize(credentials, request) {
        const email = typeof credentials?.email === "string" ? credentials.email : "";
        const password = typeof credentials?.password === "string" ? credentials.password : "";
        if (!email || !password || email.length > 320 || password.length > 1024) return null;
        const result = await attemptLogin(await getDb(), { email, password, ip: clientIp(request.headers) });
        if (!result.ok) {
          if (result.reason === "throttled") throw new ThrottledSignin();
          return null;
        }
        const { user } = result;
        return {
          id: user.id,
          email: user.email,
          name: user.name,
          org: user.organizationId,
          sv: user.sessionVersion,
        };
      },
    }),
  ],
  callbacks: {
    // The default throws on a callback URL that is not a URL (a client's value) and ends in an error
    // page; a path or this site's own URL is followed, anything else goes to this site.
    redirect({ url, baseUrl }) {
      if (url.startsWith("/")) return `${baseUrl}${url}`;
      try {
        if (new URL(url).origin === baseUrl) return url;
      } catch {
        // not a URL: fall through
      }
      return baseUrl;
    },
    jwt({ token, user }) {
      if (user) {
        const u = user as typeof user & { id: string; org: string; sv: number };
        Object.assign(token, { uid: u.id, org: u.org, sv: u.sv } satisfies SessionClaims);
      }
      return token;
    },
    session({ session, token }) {
      const claims = token as unknown as Partial<SessionClaims>;
      return Object.assign(session, { claims: { uid: claims.uid, org: claims.org, sv: claims.sv } });
    },
  },
});
