#!/usr/bin/env bash
# Installs what xinfang needs to build, run and test, from Debian's packages and the npm
# registry only. Idempotent: when everything is present it only checks and returns quickly.
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)

# Boost is taken as the versioned 1.81 packages: the unversioned -dev packages are 1.74 and
# conflict with them (DESIGN.md §4).
debian_packages=(
    build-essential cmake ninja-build ccache pkg-config
    libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
    libsqlite3-dev libpq-dev postgresql-15 libsodium-dev
    libgtest-dev libgmock-dev libbenchmark-dev
    chromium chromium-driver fonts-noto-cjk
    libxlsxwriter-dev libcairo2-dev libpango1.0-dev libzip-dev libexpat1-dev poppler-utils
    curl ca-certificates
    wrk
)

missing=()
for p in "${debian_packages[@]}"; do
    status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
    [ "$status" = "installed" ] || missing+=("$p")
done

# The machine's own Node.js is used when it has one (it may come from outside Debian, and then
# Debian's nodejs package conflicts with it).
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)

if [ ${#missing[@]} -gt 0 ]; then
    echo "bootstrap: installing Debian packages: ${missing[*]}"
    sudo_cmd=()
    [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
    "${sudo_cmd[@]}" apt-get update -q
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends \
        "${missing[@]}"
fi

# npm packages of the web app and the browser tests, from the committed lock file.
install_npm() {
    local dir=$1
    [ -f "$dir/package.json" ] || return 0
    local stamp="$dir/node_modules/.xinfang-lock-stamp"
    if [ -f "$stamp" ] && cmp -s "$dir/package-lock.json" "$stamp"; then
        return 0
    fi
    echo "bootstrap: npm ci in ${dir#"$here"/}"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
    cp "$dir/package-lock.json" "$stamp"
}
install_npm "$here/web"
install_npm "$here/tests"
