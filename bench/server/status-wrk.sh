#!/usr/bin/env bash
# status-wrk.sh: GET /api/v1/status throughput against a real `freqdeck serve`
# with 50 open trades and Bearer auth (target: >= 5,000 requests/s on 2 cores).
#
#   bash bench/server/status-wrk.sh [duration] [connections]
#
# It builds freqdeck, writes a config whose dry-run bot trades 50 pairs with a
# slow market and no exits (so the 50 trades stay open for the whole run),
# starts `freqdeck serve` on 127.0.0.1, force-enters one trade per pair with
# `freqdeck client`, logs in for an access token, and runs wrk. wrk comes from
# Debian (apt-get install -y wrk); the script installs it when it can.
set -euo pipefail
cd "$(dirname "$0")/../.."
duration="${1:-10s}"
conns="${2:-32}"

command -v wrk >/dev/null || apt-get install -y -qq wrk >/dev/null
work="$(mktemp -d)"
trap 'kill "${serve_pid:-}" 2>/dev/null || true; wait 2>/dev/null || true; cat "$work/serve.err" >&2 || true; rm -rf "$work"' EXIT

go build -o "$work/freqdeck" ./cmd/freqdeck
port=$(( 20000 + RANDOM % 20000 ))
pairs=""
for i in $(seq -w 0 49); do pairs+="\"C${i}/USDT\", "; done
cat >"$work/config.toml" <<TOML
[server]
listen = "127.0.0.1:${port}"
username = "bench"
db = "bench.sqlite"
max_open_trades = 50
stake_amount = 10.0
dry_run_wallet = 10000.0
stoploss = -0.99
pairs = [${pairs%, }]
[server.minimal_roi]
"0" = 100.0
[server.market]
speed = 1.0
[server.strategy]
rsi_exit = 99.9
TOML

export FREQDECK_PASSWORD="bench-password-$RANDOM$RANDOM"
"$work/freqdeck" serve --config "$work/config.toml" >"$work/serve.out" 2>"$work/serve.err" &
serve_pid=$!
url="http://127.0.0.1:${port}"
for _ in $(seq 100); do
	curl -fsS "$url/api/v1/ping" >/dev/null 2>&1 && break
	sleep 0.1
done

client() { "$work/freqdeck" client --url "$url" --username bench "$@"; }
for i in $(seq -w 0 49); do client forceenter "C${i}/USDT" long >/dev/null 2>&1 || true; done
open="$(client count | sed -n 's/.*"current": *\([0-9]*\).*/\1/p')"
echo "open trades: ${open}"
[ "${open}" = "50" ] || { echo "expected 50 open trades" >&2; exit 1; }

token="$(curl -fsS -u "bench:${FREQDECK_PASSWORD}" -X POST "$url/api/v1/token/login" |
	sed -n 's/.*"access_token": *"\([^"]*\)".*/\1/p')"
bytes="$(curl -fsS -H "Authorization: Bearer ${token}" "$url/api/v1/status" | wc -c)"
echo "GET /api/v1/status: ${bytes} bytes per answer; wrk -t2 -c${conns} -d${duration} on $(nproc) cores"
wrk -t2 -c"${conns}" -d"${duration}" --latency -H "Authorization: Bearer ${token}" "$url/api/v1/status"
