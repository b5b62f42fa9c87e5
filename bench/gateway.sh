#!/usr/bin/env bash
# Gateway overhead benchmark: Accord (guardrails ON) and LiteLLM against the shared rig's nginx mock,
# in one run, sharing one direct baseline. Prints the rig's summary (added p50/p99, req/s, CPU/req).
#
#   bench/gateway.sh                       # REPS=3, non-streaming then streaming
#   REPS=1 DURATION=5 bench/gateway.sh     # a quick look
#   SKIP_LITELLM=1 bench/gateway.sh        # Accord only
#   ACCORD_WORKERS=1 bench/gateway.sh      # worker processes for Accord (default 2 = the cores here)
#   STREAM_ONLY=1 / NONSTREAM_ONLY=1
#   SKIP_PROFILE=1                         # skip the in-process CPU profile printed at the end
#
# The end of the output is bench/gateway_profile.py's in-process CPU per request with the detection
# engine real, memoised ("cached": the gateway's own cost) and off, non-streamed and streamed.
#
# Needs: nginx, wrk (installed with apt-get when missing), python3; LiteLLM goes to /tmp/litellm-venv.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RIG="${RIG:-$ROOT/../shared/bench/gateway}"
PY="${PY:-$ROOT/.venv/bin/python}"
ACCORD="${ACCORD:-$ROOT/.venv/bin/accord}"
PORT=15000
HOME_DIR="${ACCORD_BENCH_HOME:-/tmp/accord-bench-home}"
WORKERS="${ACCORD_WORKERS:-2}"
export REPS="${REPS:-3}"

command -v nginx >/dev/null && command -v wrk >/dev/null || {
  echo "installing nginx and wrk..."; apt-get update -qq && apt-get install -y -qq nginx wrk >/dev/null; }

if [[ -z "${SKIP_LITELLM:-}" && ! -x /tmp/litellm-venv/bin/litellm ]]; then
  echo "installing LiteLLM into /tmp/litellm-venv (once)..."
  python3 -m venv /tmp/litellm-venv && /tmp/litellm-venv/bin/pip install -q 'litellm[proxy]'
fi

ACCORD_PID=""
cleanup() {
  [[ -n "$ACCORD_PID" ]] && kill "$ACCORD_PID" 2>/dev/null && wait "$ACCORD_PID" 2>/dev/null || true
  [[ -z "${SKIP_LITELLM:-}" ]] && "$RIG/litellm.sh" stop >/dev/null 2>&1 || true
  "$RIG/mock.sh" stop >/dev/null 2>&1 || true
}
trap cleanup EXIT

"$RIG/mock.sh" start

# --- Accord: a bench policy with guardrails on (the rig's prompt carries an email and a phone) ---
rm -rf "$HOME_DIR" && mkdir -p "$HOME_DIR"
cp "$ROOT/bench/gateway_policy.yaml" "$HOME_DIR/accord.yaml"
KEY=$("$ACCORD" keys create --home "$HOME_DIR" --team bench --user wrk 2>/dev/null)  # the key alone on stdout
"$ACCORD" up --home "$HOME_DIR" --port "$PORT" --workers "$WORKERS" --log-level error > /tmp/accord-bench-up.log 2>&1 &
ACCORD_PID=$!
for _ in $(seq 600); do   # bounded: at most ~60 s (the detection engine compiles at start-up)
  if curl -fsS -m 1 "http://127.0.0.1:$PORT/readyz" >/dev/null 2>&1; then break; fi
  sleep 0.1
done
curl -fsS -m 2 "http://127.0.0.1:$PORT/readyz" >/dev/null || { echo "accord did not start:"; cat /tmp/accord-bench-up.log; exit 1; }
echo "accord up on :$PORT (pid $ACCORD_PID, $WORKERS worker(s))"

TARGETS=()
if [[ -z "${SKIP_LITELLM:-}" ]]; then
  "$RIG/litellm.sh" start
  TARGETS+=("litellm=http://127.0.0.1:14000,pid=$(cat /tmp/gwbench-litellm/proxy.pid)")
fi

cd "$RIG"
if [[ -z "${STREAM_ONLY:-}" ]]; then
  echo "=== non-streaming ==="
  ./run.sh "${TARGETS[@]}" "accord=http://127.0.0.1:$PORT,model=mock-gpt,key=$KEY,pid=$ACCORD_PID"
fi
if [[ -z "${NONSTREAM_ONLY:-}" ]]; then
  echo "=== streaming (20 chunks, output scanning on) ==="
  STREAM=1 ./run.sh "${TARGETS[@]}" "accord=http://127.0.0.1:$PORT,model=mock-gpt-stream,key=$KEY,pid=$ACCORD_PID"
fi
if [[ -z "${SKIP_PROFILE:-}" ]]; then
  echo "=== in-process CPU per request (no HTTP server in front; loadavg: $(cut -d' ' -f1-3 /proc/loadavg)) ==="
  cd "$ROOT"
  "$PY" bench/gateway_profile.py -n 2000
  "$PY" bench/gateway_profile.py -n 1000 --stream
fi
