#!/usr/bin/env bash
# The anonymous article page through the gateway, against a platform started with `./platform up`, and in the same
# run the bare-Kestrel 4 KB reference (bench/BareKestrel) on the same machine, both with wrk (2 threads, 64
# connections, --latency). Prints requests/s, p50/p99 of both, their ratio, and the page's HTML and CSS+JS sizes.
#
# Every page costs the reader's IP two reads at the gateway (the page, and the site's /api/pages call on the reader's
# behalf), and wrk is one IP: start the platform with the per-IP read limit raised, or most answers are 429s:
#   ./platform down && Gateway__RateLimits__ReadsPerSecond=1000000 Gateway__RateLimits__ReadBurst=1000000 ./platform up
# Usage: bench/reader-page.sh [seconds=30] [connections=64]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-30}"; connections="${2:-64}"
gateway="${NP_GATEWAY_URL:-http://localhost:8080}"
bare_port="${NP_BARE_KESTREL_PORT:-5199}"

die() { printf 'reader-page: %s\n' "$*" >&2; exit 1; }

if ! command -v wrk >/dev/null; then
  [ "$(id -u)" = 0 ] || die "wrk is missing: apt-get install wrk"
  echo "Installing wrk (apt-get) ..."
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends wrk >/dev/null 2>&1 \
    || { DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends wrk >/dev/null 2>&1; } \
    || die "apt-get could not install wrk"
fi
[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$gateway/health/ready")" = 200 ] \
  || die "nothing ready at $gateway (start the platform with ./platform up; see the header of this script for the rate limit)"

# A published English story of the demo seed.
slug="$(curl -fsS --max-time 5 "$gateway/api/articles?lang=en&pageSize=1" | grep -o '"slug":"[^"]*"' | head -n 1 | cut -d'"' -f4)"
[ -n "$slug" ] || die "no published article at $gateway/api/articles (did ./platform up seed the demo content?)"
page="$gateway/en/$slug"
status="$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$page")"
[ "$status" = 200 ] || die "$page answered $status, not 200"

# Sizes: the HTML as sent, with and without gzip, and every stylesheet and script the page loads (uncompressed).
html="$(curl -fsS --max-time 5 "$page")"
html_bytes="$(printf '%s' "$html" | wc -c)"
html_gzip="$(curl -s -o /dev/null -w '%{size_download}' --compressed --max-time 5 "$page")"
assets="$( { grep -oE '<link[^>]+rel="?stylesheet"?[^>]*>' <<<"$html" | grep -oE 'href="[^"]+"' | cut -d'"' -f2;
             grep -oE '<script[^>]+src="[^"]+"' <<<"$html" | grep -oE 'src="[^"]+"' | cut -d'"' -f2; } || true)"
asset_bytes=0; foreign=""
while read -r asset; do
  [ -n "$asset" ] || continue
  case "$asset" in
    http://*|https://*|//*) foreign="$foreign $asset"; url="$asset" ;;
    /*) url="$gateway$asset" ;;
    *) url="$gateway/en/$asset" ;;
  esac
  asset_bytes=$((asset_bytes + $(curl -fsS -o /dev/null -w '%{size_download}' --max-time 5 "$url")))
done <<<"$assets"

# One wrk run: prints its report and leaves "requests/s p50 p99 non-2xx" in $result.
run_wrk() { # URL LABEL
  local report
  report="$(wrk -t2 -c"$connections" -d"${seconds}s" --latency "$1")"
  printf '%s\n' "--- $2: $1" "$report"
  result="$(awk '
    /Requests\/sec:/ { rps = $2 }
    /^ +50%/ { p50 = $2 } /^ +99%/ { p99 = $2 }
    /Non-2xx or 3xx responses:/ { bad = $NF }
    END { printf "%s %s %s %s", rps, p50, p99, bad + 0 }' <<<"$report")"
}

# Long enough for the site's and the gateway's hot paths to reach their optimised code (tiered compilation).
echo "Warming up the page for 30 s ..."
wrk -t2 -c"$connections" -d30s "$page" >/dev/null
run_wrk "$page" "article page through the gateway"
read -r page_rps page_p50 page_p99 page_bad <<<"$result"

dotnet build "$root/bench/BareKestrel" -c Release -nologo -v q >/dev/null
dotnet "$root/bench/BareKestrel/bin/Release/net10.0/BareKestrel.dll" "$bare_port" >/dev/null 2>&1 &
bare_pid=$!
trap 'kill "$bare_pid" 2>/dev/null || true' EXIT
until curl -fs -o /dev/null --max-time 1 "http://127.0.0.1:$bare_port/"; do
  kill -0 "$bare_pid" 2>/dev/null || die "bench/BareKestrel did not start (port $bare_port taken?)"
  sleep 0.2
done
wrk -t2 -c"$connections" -d5s "http://127.0.0.1:$bare_port/" >/dev/null
run_wrk "http://127.0.0.1:$bare_port/" "bare Kestrel, 4 KB"
read -r bare_rps bare_p50 bare_p99 _ <<<"$result"

echo
echo "=== reader page benchmark (wrk -t2 -c$connections -d${seconds}s --latency, $(nproc) cores, load average now $(cut -d' ' -f1-3 /proc/loadavg))"
echo "page: $page"
printf '%-34s %12s %10s %10s\n' "" "requests/s" "p50" "p99"
printf '%-34s %12s %10s %10s\n' "article page through the gateway" "$page_rps" "$page_p50" "$page_p99"
printf '%-34s %12s %10s %10s\n' "bare Kestrel 4 KB" "$bare_rps" "$bare_p50" "$bare_p99"
awk -v a="$page_rps" -v b="$bare_rps" 'BEGIN { if (b > 0) printf "ratio page / bare Kestrel: %.3f\n", a / b }'
printf 'HTML: %d bytes (%d bytes sent when asked for gzip); CSS + JS: %d bytes\n' "$html_bytes" "$html_gzip" "$asset_bytes"
[ -z "$foreign" ] || echo "warning: stylesheets or scripts from another origin:$foreign"
if [ "${page_bad:-0}" != 0 ]; then
  echo "warning: $page_bad answers of the page were not 2xx/3xx: the gateway's per-IP read limit (429) most likely;"
  echo "  restart with: ./platform down && Gateway__RateLimits__ReadsPerSecond=1000000 Gateway__RateLimits__ReadBurst=1000000 ./platform up"
fi
