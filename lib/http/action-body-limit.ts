/**
 * The largest Server Action body: the largest admin photo (15 MB, `maxFileBytes` in
 * lib/portrait/thresholds.ts) with the form around it. next.config.ts gives it to Next twice (the
 * action's limit, and the copy of the body Next makes for proxy.ts); proxy.ts refuses a larger
 * declared body with 413 before anything reads it.
 */
export const ACTION_BODY_LIMIT_BYTES = 16 * 1024 * 1024;
