-- wrk script: PUT /api/v1/contingents/<id> with `If-Match: *` (overwrite the current
-- version), the same body every time. Used by scripts/bench.sh, which passes the body in
-- the environment variable BENCH_UPDATE_BODY and the id in BENCH_UPDATE_ID; the
-- Authorization header comes from wrk's -H.
-- Counts the status codes of all responses and prints them when the run is done,
-- as lines "status <code> <count>".

local threads = {}

function setup(thread)
   table.insert(threads, thread)
end

function init(args)
   statuses = {}
   local body = os.getenv("BENCH_UPDATE_BODY")
   if not body or body == "" then
      error("BENCH_UPDATE_BODY is not set")
   end
   wrk.method = "PUT"
   wrk.path = "/api/v1/contingents/" .. (os.getenv("BENCH_UPDATE_ID") or "1")
   wrk.body = body
   wrk.headers["Content-Type"] = "application/json"
   wrk.headers["If-Match"] = "*"
end

function response(status, headers, body)
   statuses[status] = (statuses[status] or 0) + 1
   if status >= 400 and not first_error then
      first_error = tostring(status) .. " " .. tostring(body)
   end
end

function done(summary, latency, requests)
   local total = {}
   for _, t in ipairs(threads) do
      for code, n in pairs(t:get("statuses") or {}) do
         total[code] = (total[code] or 0) + n
      end
      local e = t:get("first_error")
      if e then io.write("first_error ", e, "\n") end
   end
   for code, n in pairs(total) do
      io.write(string.format("status %d %d\n", code, n))
   end
end
