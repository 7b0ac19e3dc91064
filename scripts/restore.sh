#!/usr/bin/env bash
# npm run restore -- <file> [target DATABASE_URL]: pg_restore of a backup into the target (default DATABASE_URL),
# created when it does not exist. Objects of the backup replace the target's (--clean --if-exists); ownership is
# not restored (--no-owner), so any role with the right to create them can restore. One transaction: a restore
# that fails leaves the target as it was.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ $# -lt 1 ] || [ $# -gt 2 ]; then echo "usage: npm run restore -- <file> [target DATABASE_URL]" >&2; exit 2; fi
file=$1
target=${2:-${DATABASE_URL:-}}
if [ ! -f "$file" ]; then echo "restore: no such file: $file" >&2; exit 2; fi
if [ -z "$target" ]; then echo "restore: give a target database URL or set DATABASE_URL" >&2; exit 2; fi
pg_restore --list "$file" >/dev/null || { echo "restore: $file is not a pg_dump custom-format archive" >&2; exit 2; }

# The database's name, and the server's maintenance database to create it from.
db=$(node -e 'console.log(decodeURIComponent(new URL(process.argv[1]).pathname.slice(1)))' "$target")
admin=$(node -e 'const u = new URL(process.argv[1]); u.pathname = "/postgres"; console.log(u.toString())' "$target")
if [ -z "$db" ]; then echo "restore: the target URL names no database" >&2; exit 2; fi
if [ "$(psql "$admin" --no-psqlrc -tAc "SELECT 1 FROM pg_database WHERE datname = '${db//\'/\'\'}'")" != 1 ]; then
  echo "restore: creating database $db"
  psql "$admin" --no-psqlrc -qc "CREATE DATABASE \"${db//\"/\"\"}\""
fi

pg_restore --clean --if-exists --no-owner --exit-on-error --single-transaction --no-password --dbname="$target" "$file"
echo "restored $file into database $db"
