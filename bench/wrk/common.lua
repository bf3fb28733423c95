-- Shared by the load benchmark's wrk scripts (bench/run.sh): the session of the desk user,
-- fixture files written by xinfang-bench-load, and one JSON line of results per run.
local M = {}

M.fixtures = os.getenv("XF_FIXTURES") or "."

function M.headers(json)
  local h = {
    ["Cookie"] = "xf_session=" .. (os.getenv("XF_SESSION") or ""),
    ["X-CSRF-Token"] = os.getenv("XF_CSRF") or "",
  }
  if json then h["Content-Type"] = "application/json" end
  return h
end

function M.lines(name)
  local out = {}
  for line in io.lines(M.fixtures .. "/" .. name) do
    if line ~= "" then out[#out + 1] = line end
  end
  return out
end

-- Each wrk thread starts at its own place in a fixture list, so threads do not send the same
-- requests in lockstep.
local threads = 0
function M.setup(thread)
  thread:set("thread_index", threads)
  threads = threads + 1
end

function M.done(name)
  return function(summary, latency, requests)
    local e = summary.errors
    local seconds = summary.duration / 1e6
    io.write(string.format(
      '{"operation":"%s","requests":%d,"seconds":%.2f,"per_second":%.1f,' ..
      '"p50_ms":%.2f,"p95_ms":%.2f,"p99_ms":%.2f,"max_ms":%.2f,' ..
      '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d}}\n',
      name, summary.requests, seconds, summary.requests / seconds,
      latency:percentile(50) / 1000, latency:percentile(95) / 1000,
      latency:percentile(99) / 1000, latency.max / 1000,
      e.connect, e.read, e.write, e.status, e.timeout))
  end
end

return M
