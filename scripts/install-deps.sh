#!/usr/bin/env bash
# Installs the Debian packages iop needs to build, test and demo; does nothing when all are present.
set -euo pipefail

packages=(
  build-essential cmake pkg-config
  libcli11-dev libfmt-dev libsqlitecpp-dev libsqlite3-dev libtomlplusplus-dev
  libhowardhinnant-date-dev doctest-dev nlohmann-json3-dev libical-dev libssl-dev
  libcsv-dev
  sqlite3 tzdata python3 python3-icalendar
  mandoc shellcheck zsh fish dpkg-dev
  clang libclang-rt-14-dev
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "installing: ${missing[*]}" >&2
sudo=()
if [ "$(id -u)" -ne 0 ]; then
  sudo=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
