-- Shared by the wrk scripts of scripts/bench.sh (loaded with dofile): numbers each thread
-- (`tid`), counts the status codes of all responses, keeps each thread's first error, and
-- prints them when the run is done, as lines "status <code> <count>" and "first_error ...".

local threads = {}

function setup(thread)
   thread:set("tid", #threads + 1)
   table.insert(threads, thread)
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
