#!/usr/bin/env bash
# Debian packages the build and the tests need, installed only when missing.
#   site: ffmpeg (partners' recordings), pango for WeasyPrint (leaflets), fonts covering all six languages' letters, the Hunspell
#         dictionaries of the spelling check (ru, kk, uz; en_GB: the pages are in British English), and
#         npm (fetches the browser editor's pinned packages, scripts/site/admin/packages.json)
#   test: Debian's Chromium headless shell (never a downloaded browser), nginx, zbar, poppler (pdfinfo), espeak-ng (test recordings), and Java
#         and npm for the Nu HTML Checker (package.json; a Java or npm already on PATH will do)
set -euo pipefail
site=(ffmpeg libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core fonts-noto-core
      hunspell-ru hunspell-kk hunspell-uz hunspell-en-gb)
test=(espeak-ng chromium-headless-shell nginx libnginx-mod-http-brotli-filter libnginx-mod-http-brotli-static poppler-utils)
wanted=("${site[@]}")
[ "${1:-site}" = test ] && wanted+=("${test[@]}")
missing=()
for package in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
# Any npm will do (Node's own packages bring theirs): Debian's only when there is none.
command -v npm >/dev/null || missing+=(npm)
if [ "${1:-site}" = test ]; then
  command -v java >/dev/null || missing+=(default-jre-headless)
fi
[ ${#missing[@]} -eq 0 ] && exit 0
echo "Installing Debian packages: ${missing[*]}"
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
