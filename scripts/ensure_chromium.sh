#!/usr/bin/env bash
# Installs Debian's chromium for the docs-in-a-browser test (tests/test_docs_browser.py) when missing.
# A failed install is reported and the test then skips itself; it does not stop the other tests.
command -v chromium >/dev/null 2>&1 && exit 0
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "chromium: not installed and apt-get is unavailable; the browser test will be skipped" >&2
  exit 0
fi
echo "== installing chromium (apt-get) for the docs browser test"
export DEBIAN_FRONTEND=noninteractive
{ apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium; } > build/chromium-install.log 2>&1 \
  || echo "chromium: apt-get install failed (see build/chromium-install.log); the browser test will be skipped" >&2
