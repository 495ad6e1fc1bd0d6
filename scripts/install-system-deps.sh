#!/usr/bin/env bash
# Debian packages phi-audit needs: tesseract-ocr (burned-in text in images) at run time, and chromium for
# the dashboard's browser test (Playwright drives Debian's build; it never downloads a browser of its own).
# fonts-dejavu-core: the fonts tests/fixtures/burned_in/make_burned_in.py draws its banners with (fixtures are committed).
# Idempotent: installs only what is missing. Uses sudo when not root.
set -euo pipefail
packages=(tesseract-ocr chromium fonts-dejavu-core)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
