#!/bin/sh
# Installs the Debian packages of tools/debian-packages.txt that are missing.
# Uses sudo when not run as root. Quiet when everything is there already.
set -eu

here=$(dirname "$0")
missing=""
for package in $(grep -v '^#' "$here/debian-packages.txt"); do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed"; then
    missing="$missing $package"
  fi
done

[ -z "$missing" ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  sudo=""
elif command -v sudo >/dev/null 2>&1; then
  sudo="sudo"
else
  echo "install-deps: missing packages:$missing — run as root or install sudo" >&2
  exit 1
fi

echo "install-deps: installing$missing"
$sudo apt-get update
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends $missing
