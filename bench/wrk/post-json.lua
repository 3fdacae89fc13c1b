-- POST the JSON body in BENCH_BODY with a fresh Idempotency-Key on every request (make bench: intake, bank).
-- Each connection numbers its requests; setup gives each wrk thread its own salt (the start time and the thread's
-- number), so no two requests of a run, nor of two runs, share a key: the bank mock answers a repeated key from its
-- memory, which would measure replays instead of charges.
wrk.method = "POST"
wrk.body = os.getenv("BENCH_BODY")
wrk.headers["Content-Type"] = "application/json"
local prefix = os.getenv("BENCH_KEY_PREFIX") or "bench"
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("salt", tostring(os.time()) .. "-" .. threads)
end
local n = 0
request = function()
  n = n + 1
  wrk.headers["Idempotency-Key"] = prefix .. "-" .. salt .. "-" .. n
  return wrk.format()
end
