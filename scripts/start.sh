#!/usr/bin/env bash
# `npm start`: sets up what is missing, then runs the demo hall on this machine: the hall server
# on an embedded SQLite file (var/demo/hall.db) with the demo hall of kiosk-config/sites/demo-hall,
# its staff and enrolled devices (tokens in var/demo/devices.json), simulated devices behind a
# device host per terminal, and the terminals (scripts/demo-hall.ts says which mode ran).
# Environment: PORT (default 8080), HOST (default 127.0.0.1; 0.0.0.0 to serve the hall LAN, over HTTPS),
# HALL_HOURS=real to keep the demo hall's real opening hours (default: open at any hour).
# `npm start -- --province` adds the province tier: a throwaway PostgreSQL cluster, the province
# hub with its dashboard on PROVINCE_PORT (default 8090), a month of simulated history and two more
# live demo halls; the demo hall delivers to it too (scripts/demo-province.ts). Ctrl+C removes the cluster.
set -euo pipefail
cd "$(dirname "$0")/.."

PROVINCE_DEMO=0
for arg in "$@"; do
  case "$arg" in
    --province) PROVINCE_DEMO=1 ;;
    *) echo "npm start: unknown option \"$arg\" (the only option is --province)" >&2; exit 2 ;;
  esac
done
export PROVINCE_DEMO

bash scripts/setup.sh

DB=var/demo/hall.db
DEVICES=var/demo/devices.json
PORT=${PORT:-8080}
HOST=${HOST:-127.0.0.1}
mkdir -p var/demo
node --import tsx scripts/hall.ts seed-demo --db "$DB" --out "$DEVICES"
# The terminal apps (renderer) and the display's voice pack, served by the hall server from dist/renderer.
npm run --silent build:renderer

# Off loopback the hall serves HTTPS with its hall CA, made in var/demo/tls at the first start
# (docs/operations.md, TLS); the demo's own windows and device hosts pin it.
case "$HOST" in
  127.*|localhost|::1) SCHEME=http; WS_SCHEME=ws ;;
  *) SCHEME=https; WS_SCHEME=wss ;;
esac
cat <<TXT

Demo hall "$(node -p "require('./kiosk-config/sites/demo-hall/hall.json').hall.name.vi")"
  API            $SCHEME://$HOST:$PORT/api/v1   (OpenAPI: /api/v1/openapi.json)
  Live stream    $WS_SCHEME://$HOST:$PORT/api/v1/stream
  Health         $SCHEME://$HOST:$PORT/healthz   Metrics: /metrics
  Device tokens  $DEVICES   Staff and PINs: kiosk-config/sites/demo-hall/demo-seed.json
  Check the event log any time: npm run hall -- verify-log --db $DB

TXT
# The hall server, a device host with simulated devices per terminal, and the terminal windows.
export PORT HOST DB DEVICES
exec node --import tsx scripts/demo-hall.ts
