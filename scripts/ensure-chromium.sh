# Sourced by test-all.sh: finds Debian's Chromium (or CHROMIUM_PATH) and installs it when missing.
if [ -n "${CHROMIUM_PATH:-}" ] && [ -x "$CHROMIUM_PATH" ]; then
  :
elif [ -x /usr/bin/chromium ]; then
  export CHROMIUM_PATH=/usr/bin/chromium
elif command -v apt-get >/dev/null 2>&1; then
  echo "Chromium not found; installing Debian's chromium package"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq chromium >/dev/null
  export CHROMIUM_PATH=/usr/bin/chromium
else
  echo "No Chromium found: install one and set CHROMIUM_PATH" >&2
  exit 1
fi
echo "using $CHROMIUM_PATH"
