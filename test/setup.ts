// Global test setup: tests run with NODE_ENV=test.
export {};
