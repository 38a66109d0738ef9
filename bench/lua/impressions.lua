-- wrk: a reader's page in two steps on each connection: GET an ad decision for NP_BENCH_TAG, then POST its impression
-- URL. Responses are told apart by what they carry (a decision is a 200 with an impressionUrl), since wrk's connections
-- answer in any order; what counted is read from the campaign afterwards. done() prints one line for bench/run-all.sh:
--   impressions: decisions=<n> no_content=<n> busy=<n> other=<n>
local tag = os.getenv("NP_BENCH_TAG") or ""
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  queue = {}
  no_content, busy, other, decisions = 0, 0, 0, 0
end

function request()
  local path = table.remove(queue)
  if path then
    return wrk.format("POST", path, { ["Content-Length"] = "0" }, "")
  end
  return wrk.format("GET", "/api/ads/decision?slot=top&tags=" .. tag)
end

function response(status, headers, body)
  if status == 200 then
    local path = body and body:match('"impressionUrl":"[^"]-(/api/ads/impressions/[^"]+)"')
    if path then
      decisions = decisions + 1
      table.insert(queue, path)
    else
      other = other + 1
    end
  elseif status == 204 then
    -- A counted impression, or a decision with no ad to show: the campaign's own count tells them apart afterwards.
    no_content = no_content + 1
  elseif status == 503 then
    busy = busy + 1
  else
    other = other + 1
  end
end

function done(summary, latency, requests)
  local d, c, b, o = 0, 0, 0, 0
  for _, t in ipairs(threads) do
    d = d + t:get("decisions"); c = c + t:get("no_content"); b = b + t:get("busy"); o = o + t:get("other")
  end
  io.write(string.format("impressions: decisions=%d no_content=%d busy=%d other=%d\n", d, c, b, o))
end
