// Vitest runs outside React Server Components; "server-only" is a no-op there.
export {};
