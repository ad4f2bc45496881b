// Global test setup: tests run with NODE_ENV=test.
// Route handlers are called in-process here, without a socket: tests stand in for a reverse proxy
// and name the client in X-Forwarded-For (one trusted hop), as most of them need many clients.
process.env.TRUSTED_PROXY_HOPS ??= "1";
export {};
