#!/usr/bin/env bash
# Makes sure PostgreSQL and Redis answer on 127.0.0.1, starting them -- or installing them from Debian's
# packages -- when they do not, and says what it did. Safe to run again: it does nothing when both answer.
set -euo pipefail

say() { printf '[services] %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else say "need root for: $*"; return 1; fi; }

PG_HOST=${PGHOST:-127.0.0.1}
PG_PORT=${PGPORT:-5432}
REDIS_PORT=${REDIS_PORT:-6379}

pg_up() { command -v pg_isready >/dev/null && pg_isready -q -h "$PG_HOST" -p "$PG_PORT"; }
redis_up() { command -v redis-cli >/dev/null && [ "$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null)" = PONG ]; }

apt_updated=0
apt_install() {
  if ! command -v apt-get >/dev/null; then say "no apt-get here: install $* yourself"; return 1; fi
  if [ "$apt_updated" = 0 ]; then as_root apt-get update -qq; apt_updated=1; fi
  say "installing $* from Debian's packages"
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >/dev/null
}

if pg_up; then
  say "PostgreSQL answers on $PG_HOST:$PG_PORT"
else
  if ! command -v pg_ctlcluster >/dev/null; then apt_install postgresql postgresql-contrib; fi
  version=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -1)
  if [ -z "$version" ]; then say "PostgreSQL is installed but has no cluster"; exit 1; fi
  say "starting PostgreSQL $version (cluster main)"
  as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  for _ in $(seq 1 30); do pg_up && break; sleep 1; done
  pg_up || { say "PostgreSQL did not come up"; exit 1; }
  # A cluster freshly installed by Debian only lets the postgres OS user in (peer auth); the platform connects
  # over TCP as postgres, so allow local TCP connections without a password for this development machine.
  hba=/etc/postgresql/$version/main/pg_hba.conf
  if ! as_root grep -q '^host all all 127.0.0.1/32 trust' "$hba"; then
    say "allowing trust auth from 127.0.0.1 in $hba (development machine)"
    as_root sed -i '1i host all all 127.0.0.1/32 trust\nhost all all ::1/128 trust' "$hba"
    as_root pg_ctlcluster --skip-systemctl-redirect "$version" main reload
  fi
fi

if redis_up; then
  say "Redis answers on 127.0.0.1:$REDIS_PORT"
else
  command -v redis-server >/dev/null || apt_install redis-server
  say "starting redis-server on 127.0.0.1:$REDIS_PORT"
  redis-server --daemonize yes --bind 127.0.0.1 --port "$REDIS_PORT" --save "" --appendonly no >/dev/null
  for _ in $(seq 1 20); do redis_up && break; sleep 0.5; done
  redis_up || { say "Redis did not come up"; exit 1; }
fi

# The web app's end-to-end tests drive Debian's Chromium with playwright-core (no browser download).
if command -v chromium >/dev/null; then
  say "Chromium is installed ($(command -v chromium))"
else
  apt_install chromium
fi
