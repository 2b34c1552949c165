#!/usr/bin/env bash
# Prepares a fresh clone on Debian with Node 20: system packages the project needs (installed
# with apt-get only when missing), then npm dependencies (npm ci only when package-lock.json
# changed since the last install). Safe to run again; quiet when nothing is to do.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages by purpose. The hall server needs only a C++ toolchain for better-sqlite3
# (python3, make, g++ are on every project machine); terminals and device tests add theirs here.
#   chromium, chromium-l10n, fonts-noto-core  the renderer's end-to-end tests and screenshots (Debian's Chromium,
#                      its Vietnamese locale so date fields read dd/mm/yyyy, Vietnamese glyphs)
#   espeak-ng          the display's voice pack, generated at build time
#   socat              linked PTY pairs: serial printer/keypad/scanner tests with the real SerialPort
#   fonts-dejavu-core  DejaVu Sans Bold, source of the printer's Vietnamese bitmap fonts (scripts/printer-font.ts)
#   poppler-utils      pdftoppm: the monthly PDF report rendered to PNG for docs/screens
#   libpcsclite-dev, pcscd, vsmartcard-vpcd  CCCD chip reader: PC/SC headers for @pokusew/pcsclite, pcscd and the vpcd virtual reader
#   postgresql         the province hub's database (tests run a throwaway cluster through pg_virtualenv)
#   sane-utils         scanimage: document scanners (SANE), and SANE's test backend for the demo and tests
#                      (fonts-noto-core also gives the scanned PDFs' text layer its Vietnamese font;
#                      poppler-utils' pdfinfo/pdftotext check those PDFs in the tests)
SYSTEM_PACKAGES=(python3 make g++ chromium chromium-l10n fonts-noto-core espeak-ng socat fonts-dejavu-core libpcsclite-dev pcscd vsmartcard-vpcd poppler-utils sane-utils postgresql)

need_node() {
  local major
  major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
  if [ "$major" -lt 20 ]; then
    echo "setup: Node.js 20 or newer is required (found: $(node --version 2>/dev/null || echo none))." >&2
    exit 1
  fi
}

ensure_debian_packages() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "setup: installing Debian packages: ${missing[*]}"
  local sudo=()
  [ "$(id -u)" -ne 0 ] && sudo=(sudo)
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

ensure_npm_dependencies() {
  local stamp=node_modules/.setup-stamp want
  want=$( (cat package-lock.json; node --version) | sha256sum | cut -d' ' -f1)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then return 0; fi
  # Build native addons against the installed Node headers; these machines cannot download them.
  [ -d /usr/include/node ] && export npm_config_nodedir=/usr
  echo "setup: installing npm dependencies (first run compiles SQLite, about 2 minutes)"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$want" > "$stamp"
}

need_node
command -v dpkg-query >/dev/null 2>&1 && ensure_debian_packages "${SYSTEM_PACKAGES[@]}"
ensure_npm_dependencies
