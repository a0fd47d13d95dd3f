#!/usr/bin/env bash
# Profiles Kyodo's hot calls: runs the calls benchmark (Kyodo.Calls.Benchmarks, which hosts the services
# and the gateway in its own process) and, for each measured run (a call straight to its service, then
# through the gateway), takes a dotnet-trace CPU-sample trace of that process while the run lasts, then
# prints the hottest frames of each (benchmarks/profile-top.py). Needs only scripts/infra.sh's servers.
#
#   benchmarks/profile.sh [OUTPUT_DIR] [-- benchmark options, e.g. --only get-plan,reserve-100 --seconds 20]
#
# Traces land in OUTPUT_DIR (default .run/profiles/<date>), one per call and target, as .nettrace and
# speedscope JSON (open it at speedscope's site or in its viewer). dotnet-trace comes from the repository's
# tool manifest (dotnet tool restore).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
OUT="${1:-$ROOT/.run/profiles/$(date +%Y%m%d-%H%M%S)}"; [[ $# -gt 0 ]] && shift
[[ ${1:-} == -- ]] && shift
ARGS=("$@"); [[ ${#ARGS[@]} -eq 0 ]] && ARGS=(--seconds 20)
SECONDS_PER_RUN=20
for ((i = 0; i < ${#ARGS[@]}; i++)); do
  [[ ${ARGS[i]} == --seconds ]] && SECONDS_PER_RUN=${ARGS[i+1]}
done
mkdir -p "$OUT"
cd "$ROOT"
dotnet tool restore >/dev/null
dotnet build benchmarks/Kyodo.Calls.Benchmarks -c Release --nologo -v quiet -clp:ErrorsOnly >/dev/null

KYODO_TEST_INFRA=local dotnet benchmarks/Kyodo.Calls.Benchmarks/bin/Release/net10.0/Kyodo.Calls.Benchmarks.dll "${ARGS[@]}" \
  >"$OUT/benchmark.txt" 2>"$OUT/benchmark-logs.txt" &
BENCH=$!
trap 'kill $BENCH 2>/dev/null || true' EXIT
echo "profile: benchmark pid $BENCH, output in $OUT"

taken=0
while kill -0 "$BENCH" 2>/dev/null; do
  # "get-plan: pgbench … direct warming ... measuring ... 80/s …": each "direct|gateway warming ... measuring" starts a run.
  mapfile -t tokens < <(grep -oE '^[a-z0-9-]+:|(direct|gateway) warming \.\.\. measuring' "$OUT/benchmark.txt" || true)
  runs=0; key=""
  for token in "${tokens[@]}"; do
    if [[ $token == *: ]]; then key=${token%:}; continue; fi
    runs=$((runs + 1))
    if ((runs > taken)); then
      taken=$runs
      target=${token%% *}
      echo "profile: $key $target for $((SECONDS_PER_RUN - 1)) s"
      # In the background: the next run may start before this trace is written out.
      dotnet dotnet-trace collect -p "$BENCH" --profile dotnet-sampled-thread-time \
        --duration "00:00:00:$(printf '%02d' $((SECONDS_PER_RUN - 1)))" -o "$OUT/$key-$target.nettrace" >/dev/null &
    fi
  done
  sleep 0.2
done
wait "$BENCH" || echo "profile: the benchmark exited $?"
wait
cat "$OUT/benchmark.txt"
for trace in "$OUT"/*.nettrace; do
  [[ -e $trace ]] || continue
  dotnet dotnet-trace convert --format Speedscope -o "${trace%.nettrace}" "$trace" >/dev/null
done
for trace in "$OUT"/*.speedscope.json; do
  [[ -e $trace ]] || continue
  echo; echo "== $(basename "$trace" .speedscope.json)"
  python3 "$ROOT/benchmarks/profile-top.py" "$trace"
done
