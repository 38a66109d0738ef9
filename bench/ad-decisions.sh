#!/usr/bin/env bash
# Ad decision latency at a fixed rate through the gateway (and straight to the advertising service, to show the
# proxy's share). Seeds an advertiser and three live campaigns (sponsorship, standard, house) on a tag of its own
# against a platform started with `./platform up`, then sends GET /api/ads/decision at RATE requests a second for
# SECONDS with bench/AdLoad (open loop, after a 5 s warm-up).
# With GOAL, every campaign has that impression goal, so each decision also reads the chosen campaign's delivery.
# Usage: bench/ad-decisions.sh [rate=500] [seconds=30] [goal]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rate="${1:-500}"; seconds="${2:-30}"; goal="${3:-}"
gateway="${NP_GATEWAY_URL:-http://localhost:8080}"
service="${NP_ADVERTISING_URL:-http://127.0.0.1:5104}"
token="$("$root/platform" token admin)"
tag="bench-ads-$(date +%s)"
auth=(-H "Authorization: Bearer $token" -H 'Content-Type: application/json')

advertiser=$(curl -fsS "${auth[@]}" -d '{"name":"Benchmark advertiser"}' "$gateway/api/ads/advertisers" | sed -E 's/.*"id":"([^"]+)".*/\1/')
for priority in sponsorship standard house; do
  starts=$(date -u -d '-1 day' +%Y-%m-%dT%H:%M:%SZ); ends=$(date -u -d '+30 days' +%Y-%m-%dT%H:%M:%SZ)
  campaign=$(curl -fsS "${auth[@]}" -d "{\"advertiserId\":\"$advertiser\",\"name\":\"Bench $priority\",\"priority\":\"$priority\",\"startsAt\":\"$starts\",\"endsAt\":\"$ends\",${goal:+\"impressionGoal\":$goal,}\"targeting\":{\"slots\":[],\"sections\":[],\"tags\":[\"$tag\"],\"languages\":[]}}" \
    "$gateway/api/ads/campaigns" | sed -E 's/.*"id":"([^"]+)".*/\1/')
  for slot in top sidebar in-article; do
    etag=$(curl -fsS -D - -o /dev/null "${auth[@]}" -d "{\"slot\":\"$slot\",\"kind\":\"text\",\"text\":\"$priority ad\",\"landingUrl\":\"https://example.com/$priority\"}" \
      "$gateway/api/ads/campaigns/$campaign/creatives" | tr -d '\r' | awk -F': ' 'tolower($1)=="etag"{print $2}')
  done
  curl -fsS -o /dev/null "${auth[@]}" -H "If-Match: $etag" -X POST "$gateway/api/ads/campaigns/$campaign/activate"
done
until [ "$(curl -s -o /dev/null -w '%{http_code}' "$gateway/api/ads/decision?slot=top&tags=$tag")" = 200 ]; do sleep 0.2; done

paths=("/api/ads/decision?slot=top&tags=$tag&lang=en" "/api/ads/decision?slot=sidebar&tags=$tag&lang=fr" "/api/ads/decision?slot=in-article&tags=$tag,politics")
dotnet build -c Release -v q --nologo "$root/bench/AdLoad" >/dev/null
for base in "$gateway" "$service"; do
  echo "$base, $rate req/s for $seconds s:"
  dotnet "$root/bench/AdLoad/bin/Release/net10.0/AdLoad.dll" "$base" "$rate" "$seconds" "${paths[@]}"
done
