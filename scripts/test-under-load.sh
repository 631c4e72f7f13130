#!/usr/bin/env bash
# Runs the README's test command while busy loops keep every core busy, as on a loaded CI machine, so that a test
# whose timing only holds on an idle machine fails here first. Prints the wall time of each run.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: scripts/test-under-load.sh [--runs K] [--burners N] [--force]

Starts N CPU-burning processes (default: nproc), runs the README's test command
  npx -y pnpm@10 install --frozen-lockfile && npx -y pnpm@10 test
K times in a row (default 1), stopping at the first failure, then kills the burners.
  --force   re-run every turbo task instead of replaying cached results (TURBO_FORCE=true)
Exits with the status of the last test command run.
EOF
}

runs=1
burners=$(nproc)
while [ $# -gt 0 ]; do
  case "$1" in
    --runs | --burners)
      if [ $# -lt 2 ]; then echo "test-under-load: $1 needs a value" >&2; exit 2; fi
      if [ "$1" = --runs ]; then runs=$2; else burners=$2; fi
      shift 2 ;;
    --force) export TURBO_FORCE=true; shift ;;
    -h | --help) usage; exit 0 ;;
    *) echo "test-under-load: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
  esac
done
for value in "$runs" "$burners"; do
  if ! [[ "$value" =~ ^[0-9]+$ ]]; then
    echo "test-under-load: --runs and --burners take a whole number, got '$value'" >&2
    exit 2
  fi
done
cd "$(dirname "$0")/.."

pids=()
stop_burners() {
  if [ ${#pids[@]} -gt 0 ]; then kill "${pids[@]}" 2>/dev/null || true; fi
}
trap stop_burners EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
for _ in $(seq "$burners"); do
  node -e 'for (;;) {}' &
  pids+=($!)
done
echo "test-under-load: $burners busy loops on $(nproc) cores"

for run in $(seq "$runs"); do
  started=$(date +%s)
  set +e
  (
    npx -y pnpm@10 install --frozen-lockfile && npx -y pnpm@10 test
  )
  status=$?
  set -e
  echo "test-under-load: run $run of $runs exited $status after $(($(date +%s) - started)) s"
  if [ "$status" -ne 0 ]; then exit "$status"; fi
done
