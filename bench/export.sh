#!/usr/bin/env bash
# The analyst export at scale (docs/decisions/0019): bench/exports seeds N article events with COPY in a scratch
# database of the platform's PostgreSQL, times GET /api/articles/events as NDJSON, NDJSON+gzip and Parquet, and drops
# the database; then `np report` runs on the exported Parquet (issue 15: <= 5 s on 1M events).
# Prints the whole report; the lines ./platform bench reads start with "export " and "report ".
# Usage: bench/export.sh [events=1000000]   (NP_BENCH_PG_PORT: 55432, the dev PostgreSQL)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
events="${1:-1000000}"
connection="Host=127.0.0.1;Port=${NP_BENCH_PG_PORT:-55432};Username=postgres"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
dotnet build "$root/bench/exports" -c Release -nologo -v q >/dev/null
dotnet "$root/bench/exports/bin/Release/net10.0/Exports.dll" "$connection" "$events" "$work"
if [ -f "$root/tools/np/np.csproj" ] && ls "$work"/articles/part-*.parquet >/dev/null 2>&1; then
  dotnet build "$root/tools/np" -c Release -nologo -v q >/dev/null
  for report in stories-per-section-per-day draft-to-publication; do
    started=$(date +%s.%N)
    dotnet "$root/tools/np/bin/Release/net10.0/np.dll" report "$report" --data "$work" --offline --from 2026-01-01 --to 2027-01-01 >/dev/null
    printf 'report %s on %s events: %s s\n' "$report" "$events" "$(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')"
  done
fi
