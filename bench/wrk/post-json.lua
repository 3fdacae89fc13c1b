-- POST the JSON body in BENCH_BODY with a fresh Idempotency-Key on every request (make bench: intake, bank).
-- Each connection numbers its requests; the thread id keeps keys apart across wrk threads.
wrk.method = "POST"
wrk.body = os.getenv("BENCH_BODY")
wrk.headers["Content-Type"] = "application/json"
local prefix = os.getenv("BENCH_KEY_PREFIX") or "bench"
local n = 0
local salt = tostring(math.random(1, 1000000000))
request = function()
  n = n + 1
  wrk.headers["Idempotency-Key"] = prefix .. "-" .. salt .. "-" .. n
  return wrk.format()
end
