#!/usr/bin/env bash
# Starts a production server for Playwright on an empty embedded database: `e2e-server.sh PORT seed|fresh`.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="$1"
export DATA_DIR="$PWD/test-results/e2e-data-$PORT"
# No APP_URL: links must point to the port the server listens on by default (lib/app-url.ts).
unset APP_URL
export AUTH_SECRET="e2e-only-secret-0123456789abcdefghijklmnopqrstuvwxyz"
export LOGIN_MAX_PER_IP=100000
export LOG_STACKS=1
export NEXT_TELEMETRY_DISABLED=1
unset DATABASE_URL
rm -rf "$DATA_DIR"
if [ "$2" = "seed" ]; then
  # The seed writes the raw API keys to test-results/e2e-keys-<port>.json: name it after this
  # server, not after the suite's main one (a spec's own server once overwrote the main keys).
  E2E_PORT_BASE="$PORT" npx tsx --conditions=react-server e2e/seed.ts
fi
exec npx next start -p "$PORT"
