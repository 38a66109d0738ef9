#!/usr/bin/env bash
# Every benchmark of bench/ against a running platform (`./platform up`), printed as ONE table: each figure, its
# reference measured in the same run (pgbench one-row INSERT at the same number of clients for writes, bare Kestrel
# serving the same body for reads), the ratio, and the goal of issue 11. `./platform bench` calls this after making
# sure the platform runs with its rate limits raised; run it by hand only against such a platform.
#
# Usage: bench/run-all.sh [--dry-run] [--seconds N]
#   --dry-run   measure nothing: print the table from made-up figures (to check the table itself)
#   --seconds   length of each wrk and pgbench run (default 15; NP_BENCH_SECONDS)
# Environment: NP_GATEWAY_URL (http://localhost:8080), NP_BENCH_PG_PORT (55432, the dev PostgreSQL),
#   NP_BENCH_PIDS (.data/dev/pids: the pid files ./platform up writes), NP_BARE_KESTREL_PORT (5199).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${NP_BENCH_SECONDS:-15}"; dry=0
while [ $# -gt 0 ]; do
  case "$1" in
    --dry-run) dry=1 ;;
    --seconds) seconds="$2"; shift ;;
    *) echo "usage: bench/run-all.sh [--dry-run] [--seconds N]" >&2; exit 2 ;;
  esac
  shift
done
gateway="${NP_GATEWAY_URL:-http://localhost:8080}"
pg_port="${NP_BENCH_PG_PORT:-55432}"
pids_dir="${NP_BENCH_PIDS:-$root/.data/dev/pids}"
bare_port="${NP_BARE_KESTREL_PORT:-5199}"
work="$(mktemp -d)"
rows="$work/rows"; : >"$rows"
bare_pid=""
cleanup() { [ -z "$bare_pid" ] || kill "$bare_pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

die() { printf 'bench: %s\n' "$*" >&2; exit 1; }
note() { printf '  %s\n' "$*" >&2; }

# A row of the table: LABEL FIGURE UNIT REFERENCE-LABEL REFERENCE GOAL-TEXT CHECK [NOTE]
# CHECK is an awk condition on f (the figure) and r (the reference), "-" for a figure with no goal of its own;
# it is settled here, so the table says yes or NO (or n/a when the figure could not be measured).
row() {
  local met="-"
  if [ "$7" != "-" ]; then
    if ! [[ "$2" =~ ^-?[0-9.]+$ ]]; then met="n/a"
    elif awk -v f="$2" -v r="${5:-0}" "BEGIN { exit !($7) }"; then met="yes"
    else met="NO"; fi
  fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "$5" "$6" "$met" "${8:-}" >>"$rows"
}

print_table() {
  echo
  echo "=== ./platform bench: $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), ${seconds} s a run$([ "$dry" = 0 ] || echo '; DRY RUN, made-up figures')"
  awk -F'\t' '
    function num(x) { return x ~ /^-?[0-9.]+$/ }
    BEGIN { printf "%-46s %14s  %-32s %6s  %-34s %-4s %s\n", "measure", "figure", "reference (same run)", "ratio", "goal", "met", "notes" }
    {
      figure = num($2) ? sprintf("%.0f %s", $2, $3) : $2
      reference = $4 == "" ? "" : (num($5) ? sprintf("%s: %.0f", $4, $5) : $4 ": " $5)
      ratio = (num($2) && num($5) && $5 > 0) ? sprintf("%.2f", $2 / $5) : ""
      printf "%-46s %14s  %-32s %6s  %-34s %-4s %s\n", $1, figure, reference, ratio, $6, $7, $8
    }' "$rows"
}

# --- tools -----------------------------------------------------------------------------------------
ensure_wrk() {
  command -v wrk >/dev/null && return 0
  [ "$(id -u)" = 0 ] || die "wrk is missing: apt-get install wrk"
  note "installing wrk (apt-get) ..."
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends wrk >/dev/null 2>&1 \
    || { DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null 2>&1 \
         && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends wrk >/dev/null 2>&1; } \
    || die "apt-get could not install wrk"
}

pg_tool() { # NAME: a PostgreSQL client program, from PATH or the server's own bin folder
  local found
  found="$(command -v "$1" 2>/dev/null || ls /usr/lib/postgresql/*/bin/"$1" 2>/dev/null | sort -V | tail -n 1)"
  [ -n "$found" ] || die "$1 is missing (it comes with PostgreSQL: apt-get install postgresql-contrib)"
  printf '%s' "$found"
}

# One wrk run; leaves "ok-per-second p50-ms p99-ms non-2xx total" in $result and the report in $work/wrk.out.
run_wrk() { # CONNECTIONS URL [wrk args...]
  local connections=$1 url=$2; shift 2
  wrk -t2 -c"$connections" -d"${seconds}s" --latency "$@" "$url" >"$work/wrk.out" 2>&1 || { cat "$work/wrk.out" >&2; die "wrk failed on $url"; }
  result="$(awk -v d="$seconds" '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    / requests in / { total = $1; secs = $4; sub(/s,?$/, "", secs) }
    /Non-2xx or 3xx responses:/ { bad = $NF }
    /^ +50%/ { p50 = ms($2) } /^ +99%/ { p99 = ms($2) }
    END { if (secs <= 0) secs = d; printf "%.1f %.2f %.2f %d %d", (total - bad) / secs, p50, p99, bad, total }' "$work/wrk.out")"
}

pgbench_insert() { # CLIENTS → transactions a second of a one-row INSERT, on the platform's PostgreSQL
  local clients=$1 psql pgbench
  psql="$(pg_tool psql)"; pgbench="$(pg_tool pgbench)"
  "$psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -tAc "select 1 from pg_database where datname = 'np_bench'" | grep -q 1 \
    || "$psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -qc "create database np_bench" >/dev/null
  "$psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d np_bench -qc \
    "create table if not exists bench_insert (id bigserial primary key, payload text not null, at timestamptz not null default now()); truncate bench_insert" >/dev/null
  echo "insert into bench_insert (payload) values ('one row, as an event append is');" >"$work/insert.sql"
  "$pgbench" -h 127.0.0.1 -p "$pg_port" -U postgres -n -c "$clients" -j 2 -T "$seconds" -f "$work/insert.sql" np_bench 2>&1 \
    | awk '/^tps = / { print $3; exit }'
}

token() { "$root/platform" token "$@"; }
json_field() { sed -nE "s/.*\"$1\":\"?([^\",}]*)\"?.*/\1/p" | head -n 1; }

# --- the measurements ------------------------------------------------------------------------------
measure() {
  ensure_wrk
  [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$gateway/health/ready")" = 200 ] \
    || die "nothing ready at $gateway: start the platform (./platform bench starts it with raised rate limits)"
  local editor admin analyst
  editor="$(token editor)"; admin="$(token admin)"; analyst="$(token analyst)"

  note "pgbench one-row INSERT at 8 and 16 clients ..."
  local pg8 pg16
  pg8="$(pgbench_insert 8)"; pg16="$(pgbench_insert 16)"
  row "pgbench one-row INSERT, 8 clients" "$pg8" "tps" "" "" "reference for the draft goal" "-"

  note "draft create, 16 connections ..."
  local ok p50 p99 bad total
  NP_BENCH_TOKEN="$editor" run_wrk 16 "$gateway/api/articles" -s "$root/bench/lua/draft-create.lua"
  read -r ok p50 p99 bad total <<<"$result"
  row "draft create (unique titles), 16 conn" "$ok" "req/s" "pgbench INSERT 16 cl" "$pg16" ">= 1500/s and >= 0.2 x pgbench@8" \
    "f >= 1500 && f >= 0.2 * $pg8" "p50 $p50 ms, p99 $p99 ms, non-2xx $bad"

  note "comment post, 16 connections ..."
  local created id etag
  created="$(curl -fsS -D "$work/headers" -H "Authorization: Bearer $editor" -H 'Content-Type: application/json' \
    -d "{\"title\":\"Bench comments $(date +%s%N)\",\"summary\":\"\",\"body\":\"<p>bench</p>\",\"section\":\"world\",\"tags\":[\"bench\"],\"authors\":[\"bench\"],\"language\":\"en\"}" \
    "$gateway/api/articles")"
  id="$(json_field id <<<"$created")"
  etag="$(tr -d '\r' <"$work/headers" | awk -F': ' 'tolower($1)=="etag"{print $2}')"
  curl -fsS -o /dev/null -H "Authorization: Bearer $editor" -H 'Content-Type: application/json' -H "If-Match: $etag" \
    -d '{"at":null}' "$gateway/api/articles/$id/publish"
  local waited=0
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "$gateway/api/articles/$id/comments")" = 200 ]; do
    sleep 0.2; waited=$((waited + 1)); [ "$waited" -lt 300 ] || die "the comment thread of $id did not open"
  done
  NP_BENCH_ARTICLE="$id" run_wrk 16 "$gateway" -s "$root/bench/lua/comment-post.lua"
  read -r ok p50 p99 bad total <<<"$result"
  row "comment post, 16 conn" "$ok" "req/s" "pgbench INSERT 16 cl" "$pg16" ">= 1500/s" "f >= 1500" "p50 $p50 ms, p99 $p99 ms, non-2xx $bad"

  note "counted impressions on a campaign with a goal, 16 connections ..."
  local auth=(-H "Authorization: Bearer $admin" -H 'Content-Type: application/json') tag advertiser campaign goal=1000000000 starts ends
  tag="bench-imp-$(date +%s)"
  starts=$(date -u -d '-1 hour' +%Y-%m-%dT%H:%M:%SZ); ends=$(date -u -d '+1 day' +%Y-%m-%dT%H:%M:%SZ)
  advertiser="$(curl -fsS "${auth[@]}" -d '{"name":"Benchmark advertiser"}' "$gateway/api/ads/advertisers" | json_field id)"
  campaign="$(curl -fsS "${auth[@]}" -d "{\"advertiserId\":\"$advertiser\",\"name\":\"Bench impressions\",\"priority\":\"sponsorship\",\"startsAt\":\"$starts\",\"endsAt\":\"$ends\",\"impressionGoal\":$goal,\"targeting\":{\"slots\":[],\"sections\":[],\"tags\":[\"$tag\"],\"languages\":[]}}" \
    "$gateway/api/ads/campaigns" | json_field id)"
  etag="$(curl -fsS -D - -o /dev/null "${auth[@]}" -d '{"slot":"top","kind":"text","text":"Bench ad","landingUrl":"https://example.com/bench"}' \
    "$gateway/api/ads/campaigns/$campaign/creatives" | tr -d '\r' | awk -F': ' 'tolower($1)=="etag"{print $2}')"
  curl -fsS -o /dev/null "${auth[@]}" -H "If-Match: $etag" -X POST "$gateway/api/ads/campaigns/$campaign/activate"
  waited=0
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "$gateway/api/ads/decision?slot=top&tags=$tag")" = 200 ]; do
    sleep 0.2; waited=$((waited + 1)); [ "$waited" -lt 300 ] || die "no decision for the benchmark campaign"
  done
  local before after counted
  before="$(curl -fsS "${auth[@]}" "$gateway/api/ads/campaigns/$campaign" | json_field impressions)"
  NP_BENCH_TAG="$tag" run_wrk 16 "$gateway" -s "$root/bench/lua/impressions.lua"
  read -r ok p50 p99 bad total <<<"$result"
  after="$(curl -fsS "${auth[@]}" "$gateway/api/ads/campaigns/$campaign" | json_field impressions)"
  counted="$(awk -v a="${after:-0}" -v b="${before:-0}" -v d="$seconds" 'BEGIN { printf "%.1f", (a - b) / d }')"
  row "counted impressions (goal $goal), 16 conn" "$counted" "/s" "pgbench INSERT 16 cl" "$pg16" ">= 2000/s, never past the goal" \
    "f >= 2000 && ${after:-0} <= $goal" "$(grep -o 'impressions: .*' "$work/wrk.out" || true), counted $after"

  note "cached anonymous article read vs bare Kestrel with the same body, 64 connections ..."
  local slug bare_ok
  slug="$(curl -fsS "$gateway/api/articles?lang=en&pageSize=1" | grep -o '"slug":"[^"]*"' | head -n 1 | cut -d'"' -f4)"
  [ -n "$slug" ] || die "no published English article to read"
  curl -fsS -o "$work/article.json" "$gateway/api/articles/by-slug/$slug"
  dotnet build "$root/bench/BareKestrel" -c Release -nologo -v q >/dev/null
  dotnet "$root/bench/BareKestrel/bin/Release/net10.0/BareKestrel.dll" "$bare_port" "$work/article.json" >/dev/null 2>&1 &
  bare_pid=$!
  until curl -fs -o /dev/null --max-time 1 "http://127.0.0.1:$bare_port/"; do
    kill -0 "$bare_pid" 2>/dev/null || die "bench/BareKestrel did not start (port $bare_port taken?)"
    sleep 0.2
  done
  run_wrk 64 "http://127.0.0.1:$bare_port/"
  read -r bare_ok _ _ _ _ <<<"$result"
  kill "$bare_pid" 2>/dev/null || true; bare_pid=""
  wrk -t2 -c64 -d5s "$gateway/api/articles/by-slug/$slug" >/dev/null 2>&1 # warm the cache and the JIT
  run_wrk 64 "$gateway/api/articles/by-slug/$slug"
  read -r ok p50 p99 bad total <<<"$result"
  row "cached article read, 64 conn" "$ok" "req/s" "bare Kestrel same body" "$bare_ok" ">= 0.7 x bare Kestrel" "f >= 0.7 * r" \
    "p50 $p50 ms, p99 $p99 ms, non-2xx $bad, $(wc -c <"$work/article.json") B"

  note "projection rebuild ..."
  local rebuild script rebuild_rate=""
  for script in "$root"/bench/rebuild*.sh; do
    [ -x "$script" ] || continue
    rebuild="$("$script" 2>&1 | tee "$work/rebuild.out" | tail -n 50)" || true
    rebuild_rate="$(grep -oE '[0-9][0-9.,]* *events/s' <<<"$rebuild" | tail -n 1 | tr -d ', ' | sed 's/events\/s//')"
  done
  if [ -n "$rebuild_rate" ]; then
    row "projection rebuild" "$rebuild_rate" "events/s" "" "" ">= 10000 events/s on 100k events" "f >= 10000" "$(basename "$script")"
  else
    row "projection rebuild" "not measured" "" "" "" ">= 10000 events/s on 100k events" "f >= 10000" "no bench/rebuild*.sh printing 'N events/s'"
  fi

  note "reader-site article page vs bare Kestrel 4 KB (bench/reader-page.sh) ..."
  local page page_rps page_p99 bare_rps
  page="$(NP_GATEWAY_URL="$gateway" NP_BARE_KESTREL_PORT="$bare_port" "$root/bench/reader-page.sh" "$seconds" 64 2>&1)" || true
  page_rps="$(awk '/^article page through the gateway/ { print $6 }' <<<"$page" | tail -n 1)"
  bare_rps="$(awk '/^bare Kestrel 4 KB/ { print $5 }' <<<"$page" | tail -n 1)"
  # wrk prints latencies as 850.00us, 41.55ms or 1.02s: the p99 in milliseconds.
  page_p99="$(awk '/^article page through the gateway/ { v = $8; unit = v; gsub(/[0-9.]/, "", unit); sub(/[a-z]+$/, "", v)
                 printf "%.1f", unit == "us" ? v / 1000 : unit == "s" ? v * 1000 : v }' <<<"$page" | tail -n 1)"
  row "reader-site article page, 64 conn" "${page_rps:-failed}" "req/s" "bare Kestrel 4 KB" "${bare_rps:-}" ">= 2000/s (issue 10)" "f >= 2000" \
    "$(awk '/^article page through the gateway/ { printf "p50 %s, p99 %s", $7, $8 }' <<<"$page")"
  row "reader-site article page p99, 64 conn" "${page_p99:-failed}" "ms" "" "" "<= 50 ms (issue 10)" "f <= 50" \
    "telemetry dashboard $([ -f "$pids_dir/dashboard.pid" ] && kill -0 "$(cat "$pids_dir/dashboard.pid")" 2>/dev/null && echo "up (it shares the 2 cores)" || echo "not running")"

  note "publish -> thread at 100 publishes/s ..."
  dotnet build "$root/bench/PublishLoad" -c Release -nologo -v q >/dev/null
  local line p50t p99t
  line="$(dotnet "$root/bench/PublishLoad/bin/Release/net10.0/PublishLoad.dll" "$gateway" "$editor" "$analyst" 100 "$seconds" 2>&1 | tail -n 1)" || true
  p50t="$(sed -nE 's/.* p50 ([0-9.]+) ms, p99.*/\1/p' <<<"$line")"; p99t="$(sed -nE 's/.* p99 ([0-9.]+) ms.*/\1/p' <<<"$line")"
  row "publish -> thread p50, 100 publishes/s" "${p50t:-failed}" "ms" "" "" "<= 50 ms" "f <= 50" "$line"
  row "publish -> thread p99, 100 publishes/s" "${p99t:-failed}" "ms" "" "" "<= 250 ms" "f <= 250"

  note "analyst export of 1M events (bench/export.sh) ..."
  local export_out rate
  export_out="$("$root/bench/export.sh" 2>&1 | tee "$work/export.out")" || true
  for format in ndjson ndjson+gzip parquet; do
    local label="${format//+/\\+}" # grep -E: the + of ndjson+gzip is a letter here
    rate="$(grep -E "^export $label:" <<<"$export_out" | sed -nE 's/.*: ([0-9]+) events\/s.*/\1/p' | tail -n 1 || true)"
    row "export $format, 1M events" "${rate:-failed}" "events/s" "" "" ">= 100000 events/s" "f >= 100000" \
      "$(grep -E "^export $label:" <<<"$export_out" | sed -nE 's/.*events, ([0-9.]+ MB) in.*/\1/p' || true)"
  done
  rate="$(grep -E '^np events export parquet:' <<<"$export_out" | sed -nE 's/.*peak RSS ([0-9]+) MB.*/\1/p' | tail -n 1 || true)"
  row "np events export parquet, peak RSS, 1M events" "${rate:-not measured}" "MB" "" "" "flat (one row group)" "-"
  rate="$(grep -E '^report stories-per-section-per-day' <<<"$export_out" | sed -nE 's/.*: ([0-9.]+) s$/\1/p' | tail -n 1 || true)"
  # A failed export leaves its rows "failed" and its output here; the table is printed all the same.
  grep -q '^export ' <<<"$export_out" || note "bench/export.sh failed: $(tail -n 5 <<<"$export_out" | tr '\n' ' ')"
  row "np report on 1M events" "${rate:-not measured}" "s" "" "" "<= 5 s" "f <= 5"


  rss_rows
}

rss_rows() { # after the bench: each service's resident memory, from /proc
  local file name pid kb
  for file in "$pids_dir"/*.pid; do
    [ -f "$file" ] || continue
    name="$(basename "$file" .pid)"; pid="$(cat "$file")"
    kb="$(awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status" 2>/dev/null || true)"
    if [ "$name" = dashboard ]; then # the telemetry viewer, not a service of the platform: shown, not judged
      [ -z "$kb" ] || row "RSS of the telemetry dashboard" "$(awk -v k="$kb" 'BEGIN { printf "%.0f", k / 1024 }')" "MB" "" "" "(not a service)" "-" "pid $pid"
    elif [ -n "$kb" ]; then row "RSS of $name after the bench" "$(awk -v k="$kb" 'BEGIN { printf "%.0f", k / 1024 }')" "MB" "" "" "<= 250 MB" "f <= 250" "pid $pid"
    else row "RSS of $name after the bench" "not running" "" "" "" "<= 250 MB" "f <= 250"; fi
  done
}

dry_rows() { # made-up figures, only to show the table
  row "pgbench one-row INSERT, 8 clients" 7400 "tps" "" "" "reference for the draft goal" "-"
  row "draft create (unique titles), 16 conn" 1620 "req/s" "pgbench INSERT 16 cl" 9500 ">= 1500/s and >= 0.2 x pgbench@8" "f >= 1500 && f >= 0.2 * 7400" "p50 9.1 ms, p99 30.2 ms, non-2xx 0"
  row "comment post, 16 conn" 1210 "req/s" "pgbench INSERT 16 cl" 9500 ">= 1500/s" "f >= 1500" "p50 12 ms, p99 40 ms, non-2xx 0"
  row "counted impressions (goal 1000000000), 16 conn" 2300 "/s" "pgbench INSERT 16 cl" 9500 ">= 2000/s, never past the goal" "f >= 2000 && 34500 <= 1000000000" "counted 34500"
  row "cached article read, 64 conn" 31000 "req/s" "bare Kestrel same body" 41000 ">= 0.7 x bare Kestrel" "f >= 0.7 * r" "p50 1.9 ms"
  row "projection rebuild" "not measured" "" "" "" ">= 10000 events/s on 100k events" "f >= 10000" "no bench/rebuild*.sh printing 'N events/s'"
  row "publish -> thread p50, 100 publishes/s" 41 "ms" "" "" "<= 50 ms" "f <= 50"
  row "publish -> thread p99, 100 publishes/s" 270 "ms" "" "" "<= 250 ms" "f <= 250"
  row "reader-site article page, 64 conn" 2100 "req/s" "bare Kestrel 4 KB" 45000 ">= 2000/s (issue 10)" "f >= 2000"
  row "reader-site article page p99, 64 conn" 48 "ms" "" "" "<= 50 ms (issue 10)" "f <= 50"
  row "export ndjson, 1M events" 120000 "events/s" "" "" ">= 100000 events/s" "f >= 100000" "480 MB"
  row "np report on 1M events" 1.2 "s" "" "" "<= 5 s" "f <= 5"
  rss_rows
}

if [ "$dry" = 1 ]; then dry_rows; else measure; fi
print_table
