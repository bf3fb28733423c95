#!/usr/bin/env bash
# `make run`: creates var/xinfang.db with the demo organisation on first use, then serves it.
set -euo pipefail
cd "$(dirname "$0")/.."

db=${XINFANG_DB:-sqlite:var/xinfang.db}
listen=${XINFANG_LISTEN:-127.0.0.1:8080}
mkdir -p var

# The first run generates the admin password and keeps it in var/ (readable by this user only)
# so that it can be shown again on every start of this demo database.
password_file=var/admin-password
if [ ! -f "$password_file" ]; then
    umask 077
    if [ -n "${XINFANG_ADMIN_PASSWORD:-}" ]; then
        printf '%s' "$XINFANG_ADMIN_PASSWORD" > "$password_file"
    else
        head -c 12 /dev/urandom | base64 | tr -d '/+=' | head -c 14 > "$password_file"
    fi
fi
XINFANG_ADMIN_PASSWORD=$(cat "$password_file")
export XINFANG_ADMIN_PASSWORD

build/xinfang init --db "$db" --demo

cat <<MSG

  xinfang is starting on http://$listen/
  log in as admin with password: $XINFANG_ADMIN_PASSWORD
  (the password this demo database was created with; if you changed it with
   `build/xinfang user passwd admin`, use the new one)
  demo accounts (same password): tiaochu (信访调处科), liuhuajun (局领导), zhifa1 (执法一局),
                                 sanxing (三星镇), shenji (审计)
  stop with Ctrl-C

MSG
exec build/xinfang serve --db "$db" --listen "$listen"
