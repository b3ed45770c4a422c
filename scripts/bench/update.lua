-- wrk script: PUT /api/v1/contingents/<id> with `If-Match: *` (overwrite the current
-- version), the same body every time. Used by scripts/bench.sh, which passes the body in
-- the environment variable BENCH_UPDATE_BODY and the id in BENCH_UPDATE_ID; the
-- Authorization header comes from wrk's -H.
-- Counts the status codes of all responses and prints them when the run is done,
-- as lines "status <code> <count>".

-- setup, response and done: the status counting shared by these scripts.
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "statuses.lua")

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

