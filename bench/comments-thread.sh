#!/usr/bin/env bash
# How fast is the first page of a 5,000-comment thread? Seeds one published article with N approved comments
# (a quarter of them replies) against a platform started with `./platform up`, then times GET
# /api/articles/{id}/comments through the gateway. Usage: bench/comments-thread.sh [comments=5000] [reads=200]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
count="${1:-5000}"; reads="${2:-200}"
gateway="${NP_GATEWAY_URL:-http://localhost:8080}"
comments="${NP_COMMENTS_URL:-http://127.0.0.1:5102}"   # seeding goes to the service as the gateway would, one IP per poster
token="$("$root/platform" token editor)"

created=$(curl -fsS -D - -o /tmp/np-bench-thread.json -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  -d "{\"title\":\"Thread benchmark $(date +%s%N)\",\"summary\":\"\",\"body\":\"<p>bench</p>\",\"section\":\"local\",\"tags\":[\"bench\"],\"language\":\"en\"}" \
  "$gateway/api/articles")
id=$(sed -E 's/.*"id":"([^"]+)".*/\1/' /tmp/np-bench-thread.json)
etag=$(printf '%s' "$created" | tr -d '\r' | awk -F': ' 'tolower($1)=="etag"{print $2}')
curl -fsS -o /dev/null -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -H "If-Match: $etag" -d '{"at":null}' "$gateway/api/articles/$id/publish"
until [ "$(curl -s -o /dev/null -w '%{http_code}' "$gateway/api/articles/$id/comments")" = 200 ]; do sleep 0.05; done

echo "seeding $count comments on article $id ..."
start=$(date +%s)
root_comment=$(curl -fsS -H 'Content-Type: application/json' -H 'X-Forwarded-For: 10.255.0.1' \
  -d '{"authorName":"Root","authorEmail":"root@bench.mu","body":"The first comment"}' "$comments/api/articles/$id/comments" | sed -E 's/.*"id":"([^"]+)".*/\1/')
seq 2 "$count" | xargs -P 4 -I{} sh -c '
  i={}; parent=""; [ $((i % 4)) -eq 0 ] && parent=",\"parentId\":\"'"$root_comment"'\""
  curl -fsS -o /dev/null -H "Content-Type: application/json" -H "X-Forwarded-For: 10.$((i / 65536 % 256)).$((i / 256 % 256)).$((i % 256))" \
    -d "{\"authorName\":\"Reader $i\",\"authorEmail\":\"reader$i@bench.mu\",\"body\":\"Comment number $i on this story.\"$parent}" \
    "'"$comments"'/api/articles/'"$id"'/comments"'
echo "seeded in $(( $(date +%s) - start )) s; total now $(curl -fsS "$gateway/api/articles/$id/comments?pageSize=1" | sed -E 's/.*"total":([0-9]+).*/\1/')"

for url in "$gateway/api/articles/$id/comments" "$comments/api/articles/$id/comments"; do
  for _ in $(seq 1 "$reads"); do curl -s -o /dev/null -w '%{time_total}\n' "$url"; done | sort -n | awk -v url="$url" '
    { v[NR] = $1 * 1000 }
    END { printf "first page (20 threads with replies) %s: p50 %.1f ms, p95 %.1f ms, max %.1f ms over %d reads\n", url, v[int(NR*0.5)], v[int(NR*0.95)], v[NR], NR }'
done
