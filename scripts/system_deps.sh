#!/usr/bin/env bash
# Installs the Debian packages the test suite needs, only when missing: Chromium for the browser
# tests (never Playwright's own download), a CJK font (without it every Chinese glyph renders as a
# box in screenshots and charts) and gettext (msgfmt, for the translation catalogs).
# Usage: scripts/system_deps.sh [PACKAGE...]   (no argument: all three; the screenshot tour asks for
# chromium and fonts-noto-cjk, `make compilemessages` for gettext).
set -euo pipefail
packages=("${@:-chromium fonts-noto-cjk gettext}")
missing=()
for p in ${packages[@]}; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != "0" ]; then
  echo "Missing system packages: ${missing[*]}. Install them with: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "Installing system packages: ${missing[*]}"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
