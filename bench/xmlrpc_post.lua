-- wrk script: POST one XML-RPC call to /RPC2 on every request.
-- Method from the environment: XMLRPC_METHOD=supervisor.getState (default).
local method = os.getenv("XMLRPC_METHOD") or "supervisor.getState"
wrk.method = "POST"
wrk.path = "/RPC2"
wrk.headers["Content-Type"] = "text/xml"
wrk.body = "<?xml version='1.0'?>\n<methodCall>\n<methodName>" .. method ..
           "</methodName>\n<params>\n</params>\n</methodCall>\n"

-- Count answers that are not 200 or carry a fault, so a fast error page
-- is never mistaken for throughput.
local bad = 0
function response(status, headers, body)
  if status ~= 200 or string.find(body, "<fault>", 1, true) then bad = bad + 1 end
end

function done(summary, latency, requests)
  io.write(string.format("requests %d, bad answers in last thread: %d\n", summary.requests, bad))
end
