#!/usr/bin/env bash
# npm run backup [-- <file>]: a pg_dump (custom format, compressed) of DATABASE_URL, by default into
# backups/hubmatch-<UTC timestamp>.dump. Written to a temporary file first: a failed dump leaves no half file.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${DATABASE_URL:-}" ]; then echo "backup: DATABASE_URL is not set" >&2; exit 2; fi
if [ $# -gt 1 ]; then echo "usage: npm run backup [-- <file>]" >&2; exit 2; fi
target=${1:-backups/hubmatch-$(date -u +%Y%m%dT%H%M%SZ).dump}
mkdir -p "$(dirname "$target")"
partial="$target.partial"
trap 'rm -f "$partial"' EXIT

pg_dump --format=custom --no-password --file="$partial" --dbname="$DATABASE_URL"
mv "$partial" "$target"
echo "backup written to $target ($(du -h "$target" | cut -f1))"
