-- wrk: POST /api/articles as an editor, each with a title never used before (a repeated title is another benchmark).
-- Environment: NP_BENCH_TOKEN (an editor's JWT).
local token = os.getenv("NP_BENCH_TOKEN") or ""
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end

function init(args)
  run = string.format("%d-%d-%d", os.time(), tid or 0, math.random(1, 1000000000))
  n = 0
end

function request()
  n = n + 1
  local body = string.format(
    '{"title":"Bench draft %s %d","summary":"","body":"<p>bench</p>","section":"world","tags":["bench"],"authors":["bench"],"language":"en"}',
    run, n)
  return wrk.format("POST", "/api/articles",
    { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token }, body)
end
