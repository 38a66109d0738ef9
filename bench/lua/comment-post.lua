-- wrk: POST /api/articles/{NP_BENCH_ARTICLE}/comments as anonymous readers, each comment with its own text and e-mail.
local article = os.getenv("NP_BENCH_ARTICLE") or ""
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
    '{"authorName":"Reader %d","authorEmail":"reader-%s-%d@example.com","body":"Comment %d of run %s: a reasoned view on the story."}',
    n, run, n, n, run)
  return wrk.format("POST", "/api/articles/" .. article .. "/comments", { ["Content-Type"] = "application/json" }, body)
end
