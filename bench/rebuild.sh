#!/usr/bin/env bash
# A projection rebuild at batch speed (docs/decisions/0009): bench/rebuilds seeds N events in a scratch database of the
# platform's PostgreSQL, rebuilds the projection while readers load its documents, checks every document against its
# fold, and drops the database. Prints the whole report, then the rebuild's own line last (for ./platform bench).
# Usage: bench/rebuild.sh [events=100000] [events-per-stream=5]   (PGPASSFILE as ./platform bench sets it)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
events="${1:-100000}"; per_stream="${2:-5}"
connection="Host=127.0.0.1;Port=${NP_BENCH_PG_PORT:-55432};Username=postgres"
dotnet build "$root/bench/rebuilds" -c Release -nologo -v q >/dev/null
report="$(dotnet "$root/bench/rebuilds/bin/Release/net10.0/Rebuilds.dll" "$connection" "$events" "$per_stream" 2>&1)"
printf '%s\n' "$report"
grep '^rebuild:' <<<"$report" | tail -n 1
