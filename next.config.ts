import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";
import { ACTION_BODY_LIMIT_BYTES } from "./lib/http/action-body-limit";

// The console's messages and per-request language/time zone: i18n/request.ts.
const withNextIntl = createNextIntlPlugin("./i18n/request.ts");

const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "Permissions-Policy", value: "camera=(self), microphone=(), geolocation=()" },
];

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // A second build directory lets two builds (e.g. two worktrees' test runs) coexist.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // The app's build checks the app; tests, benchmarks and scripts are checked by `npm run typecheck`.
  typescript: { tsconfigPath: "tsconfig.build.json" },
  // Native and WASM packages load their own files at run time: keep them out of the bundle.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "@node-rs/argon2",
    "@tensorflow/tfjs",
    "@tensorflow/tfjs-backend-wasm",
    "@vladmandic/face-api",
    "@vladmandic/human",
    "nodemailer",
    "postgres",
    "sharp",
  ],
  experimental: {
    // Admin photo uploads go through server actions; the photo limit is 15 MB (docs/QUALITY.md).
    serverActions: { bodySizeLimit: ACTION_BODY_LIMIT_BYTES },
    // The proxy (proxy.ts) runs on every page, so Next copies each request body for it, cut at
    // 10 MB by default — and the action then reads the cut copy: a 14 MB photo failed to parse.
    proxyClientMaxBodySize: ACTION_BODY_LIMIT_BYTES,
  },
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      {
        // The person's link page: never indexed, cached or leaked through the Referer header.
        source: "/upload/:token*",
        headers: [
          { key: "Referrer-Policy", value: "no-referrer" },
          { key: "Cache-Control", value: "no-store" },
          { key: "X-Robots-Tag", value: "noindex, nofollow" },
          {
            key: "Content-Security-Policy",
            value:
              "default-src 'self'; img-src 'self' blob: data:; script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
          },
        ],
      },
    ];
  },
};

export default withNextIntl(nextConfig);
