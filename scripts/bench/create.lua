-- wrk script: POST /api/v1/contingents with a name unique to each request.
-- Used by scripts/bench.sh; the Authorization header comes from wrk's -H.
-- Counts the status codes of all responses and prints them when the run is done,
-- as lines "status <code> <count>".

local threads = {}

function setup(thread)
   thread:set("tid", #threads + 1)
   table.insert(threads, thread)
end

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
