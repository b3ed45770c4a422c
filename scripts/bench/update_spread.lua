-- wrk script: PUT /api/v1/contingents/<id> with `If-Match: *`, each request to a different
-- contingent in turn, so no two requests in flight touch the same record. Used by
-- scripts/bench.sh, which passes the ids (state KAZ, made by the create run) in the
-- environment variable BENCH_SPREAD_IDS, comma-separated; each wrk thread takes its own
-- share of them. The Authorization header comes from wrk's -H.
-- Counts the status codes of all responses and prints them when the run is done,
-- as lines "status <code> <count>".

-- setup, response and done: the status counting shared by these scripts.
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "statuses.lua")

function init(args)
   statuses = {}
   counter = 0
   local all = {}
   for id in string.gmatch(os.getenv("BENCH_SPREAD_IDS") or "", "%d+") do
      table.insert(all, id)
   end
   local nthreads = tonumber(os.getenv("BENCH_THREADS") or "2")
   ids = {}
   for i, id in ipairs(all) do
      if (i - 1) % nthreads == tid - 1 then table.insert(ids, id) end
   end
   if #ids == 0 then error("BENCH_SPREAD_IDS has no ids for thread " .. tid) end
   wrk.method = "PUT"
   wrk.headers["Content-Type"] = "application/json"
   wrk.headers["If-Match"] = "*"
end

function request()
   counter = counter + 1
   local id = ids[(counter - 1) % #ids + 1]
   local body = '{"state":"KAZ","component":"crrf","name":"Bench spread ' .. id ..
      '","home_station":{"name":"Almaty","lat":43.25,"lon":76.95},' ..
      '"personnel":100,"equipment":10,"readiness":"high"}'
   return wrk.format(nil, "/api/v1/contingents/" .. id, nil, body)
end

