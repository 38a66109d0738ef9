#!/usr/bin/env bash
# Publish-to-thread latency: how long after `POST /api/articles/{id}/publish` answers does the comments
# service have the thread open (GET …/comments answers 200)? Runs against a platform started with
# `./platform up`. Usage: bench/publish-to-thread.sh [runs=20] [gateway=http://localhost:8080]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-20}"
gateway="${2:-http://localhost:8080}"
token="$("$root/platform" token editor)"
now_ms() { date +%s%3N; }

latencies=()
for i in $(seq 1 "$runs"); do
  created=$(curl -fsS -D - -o /tmp/np-bench-article.json -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d "{\"title\":\"Latency probe $i $(date +%s%N)\",\"summary\":\"\",\"body\":\"<p>probe</p>\",\"section\":\"world\",\"tags\":[\"bench\"],\"authors\":[\"bench\"],\"language\":\"en\"}" \
    "$gateway/api/articles")
  id=$(sed -E 's/.*"id":"([^"]+)".*/\1/' /tmp/np-bench-article.json)
  etag=$(printf '%s' "$created" | tr -d '\r' | awk -F': ' 'tolower($1)=="etag"{print $2}')
  curl -fsS -o /dev/null -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -H "If-Match: $etag" \
    -d '{"at":null}' "$gateway/api/articles/$id/publish"
  start=$(now_ms)
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "$gateway/api/articles/$id/comments")" = 200 ]; do
    [ $(( $(now_ms) - start )) -lt 30000 ] || { echo "run $i: thread did not open within 30 s" >&2; exit 1; }
    sleep 0.005
  done
  latencies+=($(( $(now_ms) - start )))
done

printf '%s\n' "${latencies[@]}" | sort -n | awk -v runs="$runs" '
  { v[NR] = $1; sum += $1 }
  END {
    p50 = v[int((NR + 1) * 0.50)]; p95 = v[int(NR * 0.95) > 0 ? int(NR * 0.95) : 1]
    printf "publish-to-thread over %d runs: min %d ms, p50 %d ms, p95 %d ms, max %d ms, mean %.0f ms\n", runs, v[1], p50, p95, v[NR], sum / NR
  }'
