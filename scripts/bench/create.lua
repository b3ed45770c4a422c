-- wrk script: POST /api/v1/contingents with a name unique to each request.
-- Used by scripts/bench.sh; the Authorization header comes from wrk's -H.
-- Counts the status codes of all responses and prints them when the run is done,
-- as lines "status <code> <count>".

-- setup, response and done: the status counting shared by these scripts.
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "statuses.lua")

function init(args)
   counter = 0
   statuses = {}
   -- A per-run nonce keeps names unique even if the script runs twice against one database.
   math.randomseed(os.time() * 1000 + tid)
   nonce = math.random(1, 1000000000)
   wrk.method = "POST"
   wrk.path = "/api/v1/contingents"
   wrk.headers["Content-Type"] = "application/json"
end

function request()
   counter = counter + 1
   local name = string.format("Bench %d-%d-%d", nonce, tid, counter)
   local body = '{"state":"KAZ","component":"crrf","name":"' .. name ..
      '","home_station":{"name":"Almaty","lat":43.25,"lon":76.95},' ..
      '"personnel":100,"equipment":10,"readiness":"high"}'
   return wrk.format(nil, nil, nil, body)
end

