/**
 * Scalar's light theme, adjusted so the reference passes WCAG 2.1 AA (axe: 0 serious findings),
 * handed to Scalar as `customCss`. Each rule answers one finding of Scalar 0.9's own markup:
 *
 * - color-contrast: its grey text (#757575, #8e8e8e) and method colours (GET #0082d0, POST
 *   #069061, PATCH #edbe20, DELETE #ef0006) fall below 4.5:1 on its white and #f6f6f6 panels. The
 *   values below reach ≥ 4.5:1 on both. Doubled class: the theme sets them again inside
 *   `@supports (color: display-p3)`, which would otherwise win by coming later.
 * - scrollable-region-focusable: at phone width a tag's endpoint list scrolls inside a card that
 *   holds nothing focusable, so a keyboard cannot scroll it. The list is short: let it grow.
 * - button-name: a code block's copy button keeps its screen-reader label ("Copy") inside an
 *   element shown only while the block is hovered or focused, so at rest the button has no name.
 *   Show that visually hidden label always (it stays visually hidden), without the language name.
 *
 * The selectors follow Scalar's class names: re-run e2e/walk.spec.ts after upgrading Scalar.
 */
export const SCALAR_THEME_CSS = `
.light-mode.light-mode {
  --scalar-color-2: #595959;
  --scalar-color-3: #5e5e5e;
  --scalar-color-accent: #0064b0;
  --scalar-color-green: #00704a;
  --scalar-color-red: #c4000a;
  --scalar-color-yellow: #805f00;
  --scalar-color-blue: #00629e;
  --scalar-color-orange: #b23c00;
  --scalar-color-purple: #5203d1;
  --scalar-color-query: #006266;
}
.scalar-card-content:has(.endpoints),
.endpoints {
  overflow: visible !important;
  max-height: none !important;
  overflow-wrap: anywhere;
}
.scalar-code-copy .sr-only > .hidden {
  display: inline !important;
}
.scalar-code-copy .sr-only > .hidden > span:not(:last-child) {
  display: none !important;
}
`;
