// Global test setup: tests run with NODE_ENV=test.
// Route handlers are called in-process here, without a socket: tests stand in for a reverse proxy
// and name the client in X-Forwarded-For (one trusted hop), as most of them need many clients.
process.env.TRUSTED_PROXY_HOPS ??= "1";
// Load shedding is tested on purpose (lib/portrait/pool.test.ts, the security suite); elsewhere
// tests send bursts to check races, and a 503 BUSY there would only hide what they check.
process.env.FACE_MAX_WAIT_MS ??= "600000";
export {};
