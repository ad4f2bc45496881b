#!/usr/bin/env bash
# The production server for the security suite (`npm run test:security`): `next start` on a fresh
# database of its own on the PostgreSQL server, so the specs can arrange and inspect rows directly,
# restart the server under it, and read everything it logged. `security-server.sh PORT DATABASE_URL LOG`
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="$1"
export DATABASE_URL="$2"
LOG="$3"
export DATA_DIR="$PWD/test-results/security-data-$PORT"
export APP_URL="http://localhost:$PORT"
export AUTH_SECRET="security-only-secret-0123456789abcdefghijklmnopqrstuvwxyz"
export LOGIN_MAX_PER_IP=100000
export LOG_STACKS=1
# Housekeeping every few seconds, so a spec can see the running server purge expired rows.
export MAINTENANCE_INTERVAL_SECONDS=5
export NEXT_TELEMETRY_DISABLED=1
rm -rf "$DATA_DIR" && mkdir -p "$DATA_DIR" "$(dirname "$LOG")"
node -e '
const url = new URL(process.argv[1]); const name = url.pathname.slice(1); url.pathname = "/postgres";
const sql = require("postgres")(url.toString(), { max: 1, onnotice() {} });
(async () => { await sql.unsafe(`drop database if exists ${name} with (force)`); await sql.unsafe(`create database ${name}`); await sql.end(); })().catch((e) => { console.error(e.message); process.exit(1); });
' "$DATABASE_URL"
npx tsx --conditions=react-server e2e/seed.ts
npx tsx --conditions=react-server e2e/security/seed.ts "$DATA_DIR/seed.json"
# Everything the server prints goes to the log too: the log-hygiene spec reads it afterwards.
exec npx next start -p "$PORT" > >(tee "$LOG") 2>&1
