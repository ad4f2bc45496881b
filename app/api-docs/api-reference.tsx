"use client";

import "@scalar/api-reference-react/style.css";
import dynamic from "next/dynamic";
import { useMemo } from "react";
import { SCALAR_THEME_CSS } from "./scalar-theme";

// The renderer runs in the browser only (it is a Vue app inside a React wrapper), from our own bundle.
const ApiReferenceReact = dynamic(
  () => import("@scalar/api-reference-react").then((m) => m.ApiReferenceReact),
  {
    ssr: false,
    loading: () => <p className="p-8 text-sm text-slate-600">Loading the API reference…</p>,
  },
);

/**
 * The reference for the OpenAPI document this server generates, rendered by Scalar. Nothing leaves
 * the page: no fonts, telemetry or proxy from elsewhere; a key typed into "Test request" stays in
 * memory (persistAuth off) and requests go to this server only.
 */
export function ApiReference({ document }: { document: Record<string, unknown> }) {
  const configuration = useMemo(
    () => ({
      content: document,
      telemetry: false,
      withDefaultFonts: false,
      persistAuth: false,
      mcp: { disabled: true },
      // The "Ask AI" agent talks to Scalar's servers (and turns itself on for localhost): off.
      agent: { disabled: true },
      showDeveloperTools: "never" as const,
      hideDarkModeToggle: true,
      forceDarkModeState: "light" as const,
      defaultOpenAllTags: true,
      expandAllResponses: false,
      // Contrast, keyboard scrolling and copy-button names (scalar-theme.ts).
      customCss: SCALAR_THEME_CSS,
    }),
    [document],
  );
  return <ApiReferenceReact configuration={configuration} />;
}
