-- wrk script: PUT /api/v1/contingents/<id> with `If-Match: *`, each request to a different
-- contingent in turn, so no two requests in flight touch the same record. Used by
-- scripts/bench.sh, which passes the ids (state KAZ, made by the create run) in the
-- environment variable BENCH_SPREAD_IDS, comma-separated; each wrk thread takes its own
-- share of them. The Authorization header comes from wrk's -H.
-- Counts the status codes of all responses and prints them when the run is done,
-- as lines "status <code> <count>".

local threads = {}

function setup(thread)
   thread:set("tid", #threads + 1)
   table.insert(threads, thread)
end

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
