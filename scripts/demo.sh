#!/usr/bin/env bash
# One command on a fresh Debian machine with Node 20: services, dependencies, build, database, demo data,
# then the api and the worker, until Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/ensure-services.sh

mkdir -p .demo
[ -f .demo/jwt-secret ] || node -e "console.log(require('crypto').randomBytes(32).toString('hex'))" > .demo/jwt-secret
export NODE_ENV=${NODE_ENV:-development}
export DATABASE_URL=${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/hubmatch}
export REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379}
export JWT_SECRET=${JWT_SECRET:-$(cat .demo/jwt-secret)}
export PORT=${PORT:-3000}
export WORKER_PORT=${WORKER_PORT:-3001}

if [ ! -d node_modules ]; then echo "[demo] installing dependencies (npm ci)"; npm ci --no-audit --no-fund; fi
echo "[demo] building api, worker, cli and the web app"
npm run build --silent

db=$(node -e "console.log(new URL(process.env.DATABASE_URL).pathname.slice(1))")
admin=$(node -e "const u=new URL(process.env.DATABASE_URL);u.pathname='/postgres';console.log(u.toString())")
if [ "$(psql "$admin" -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'")" != 1 ]; then
  echo "[demo] creating database $db"
  psql "$admin" -qc "CREATE DATABASE \"$db\""
fi
npm run --silent cli -- migrate
npm run --silent cli -- seed-demo > .demo/seed.json

node dist/apps/worker/src/main.js > .demo/worker.log 2>&1 &
worker=$!
node dist/apps/api/src/main.js > .demo/api.log 2>&1 &
api=$!
trap 'kill $api $worker 2>/dev/null; wait 2>/dev/null' INT TERM EXIT

for _ in $(seq 1 60); do curl -fs "http://127.0.0.1:$PORT/ready" >/dev/null 2>&1 && break; sleep 0.5; done
curl -fs "http://127.0.0.1:$PORT/ready" >/dev/null || { echo "[demo] the api did not become ready; see .demo/api.log"; exit 1; }

node -e '
const s = require("./.demo/seed.json");
const port = process.env.PORT;
console.log(`
Hub Match is up.
  Web app  http://localhost:${port}/   (log in with a demo login below)
  API      http://localhost:${port}/api/v1   (OpenAPI: http://localhost:${port}/api/docs)
  Worker   http://localhost:${process.env.WORKER_PORT}/ready
  Data     ${s.companies} companies, ${s.funds} funds, ${s.researchCentres} research centres, ${s.technologyOffers} technology offers
  Logs     .demo/api.log, .demo/worker.log

Demo logins (password for all: ${s.logins[0].password}):`);
for (const l of s.logins) console.log(`  ${l.role.padEnd(16)} ${l.email.padEnd(30)} ${l.organisation ?? ""}`);
console.log(`
Try:  curl -s localhost:${port}/api/v1/auth/login -H "content-type: application/json" \\
        -d \x27{"email":"${s.logins[2].email}","password":"${s.logins[2].password}"}\x27
then: curl -s "localhost:${port}/api/v1/matches?area=venture_capital" -H "authorization: Bearer <accessToken>"
      curl -s "localhost:${port}/api/v1/search?q=oncologia" -H "authorization: Bearer <accessToken>"
Queue dashboard (staff token, or POST /api/v1/auth/admin-session first): http://localhost:${port}/admin/queues
Ctrl-C stops api and worker.`);
'
wait $api
