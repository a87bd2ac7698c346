#!/usr/bin/env bash
# Browser tests drive Debian's Chromium; install it when we can (root with apt), else say why not.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Installing Debian's chromium for the browser tests…"
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
else
  echo "note: /usr/bin/chromium is missing and cannot be installed here; browser tests will be skipped." >&2
fi
