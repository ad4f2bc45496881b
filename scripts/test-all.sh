#!/usr/bin/env bash
# The whole suite: lint, types, unit + integration tests (PGlite, then the PostgreSQL server when
# one answers), a production build and the Playwright end-to-end specs in Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

REPORTS=.test-reports   # outside test-results/, which Playwright empties when it starts
rm -rf "$REPORTS" && mkdir -p "$REPORTS"
vitest_run() { npx vitest run --reporter=default --reporter=json --outputFile.json="$REPORTS/vitest-$1.json"; }

step "Chromium"
source scripts/ensure-chromium.sh

step "lint and formatting"
npm run --silent lint
npm run --silent format:check

step "typecheck"
npm run --silent typecheck

step "unit and integration tests on PGlite"
(unset DATABASE_URL; vitest_run pglite)

PG_URL="${TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
if node -e "const s=require('postgres')(process.argv[1],{max:1,connect_timeout:3,onnotice(){}});s\`select 1\`.then(()=>s.end()).then(()=>process.exit(0),()=>process.exit(1))" "$PG_URL" 2>/dev/null; then
  step "integration tests on the PostgreSQL server ($PG_URL, a fresh database per test file)"
  DATABASE_URL="$PG_URL" vitest_run postgres
  PG_AVAILABLE=1
elif [ "${CI:-}" = "true" ]; then
  echo "PostgreSQL server not reachable at $PG_URL — CI requires it" >&2
  exit 1
else
  echo "PostgreSQL server not reachable at $PG_URL — skipping the PostgreSQL pass"
fi

step "production build"
npx next build

step "end-to-end (Playwright, Chromium)"
env -u DATABASE_URL PLAYWRIGHT_JSON_OUTPUT_NAME="$REPORTS/playwright.json" npx playwright test --reporter=list,json

step "security suite (Playwright: authorization matrix, faults, log hygiene; needs the PostgreSQL server)"
if [ "${PG_AVAILABLE:-}" = "1" ]; then
  PLAYWRIGHT_JSON_OUTPUT_NAME="$REPORTS/playwright-security.json" npx playwright test --config playwright.security.config.ts --reporter=list,json
else
  echo "PostgreSQL server not reachable — skipping the security suite"
fi

step "summary"
node scripts/test-summary.mjs
