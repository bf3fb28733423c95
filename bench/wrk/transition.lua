-- Workflow steps through POST /api/v1/petitions/{id}/transitions on the petitions the
-- registration run just made (ids XF_FIRST_ID..XF_LAST_ID, registered at version 1), split
-- between the wrk threads. Each petition is accepted and replied to, then its satisfaction is
-- recorded again and again (an event the section may repeat), so the run never runs out of legal
-- steps: the next action and version are read from the detail each response returns. (A
-- supervision notice is not used: only the assigned unit may answer one, and the section's
-- session cannot.)
package.path = (os.getenv("XF_WRK_DIR") or ".") .. "/?.lua;" .. package.path
local c = require("common")
local first = tonumber(os.getenv("XF_FIRST_ID") or "1")
local last = tonumber(os.getenv("XF_LAST_ID") or "1")
local threads_total = tonumber(os.getenv("XF_THREADS") or "2")
local queue, head, tail, headers
setup = c.setup

function init(args)
  local per = math.floor((last - first + 1) / threads_total)
  -- wrk numbers the threads from 1 in some versions and from 0 in others.
  local start = first + ((thread_index or 0) % threads_total) * per
  queue, head, tail = {}, 1, 0
  for id = start, start + per - 1 do
    tail = tail + 1
    queue[tail] = { id = id, version = 1, action = "accept" }
  end
  headers = c.headers(true)
end

local bodies = {
  accept = '{"action":"accept","version":%d}',
  reply = '{"action":"reply","version":%d,"content":"经调查已依法处理","way":"phone"}',
  record_satisfaction = '{"action":"record_satisfaction","version":%d,"satisfaction":"satisfied"}',
}

function request()
  local item = queue[head]
  if item == nil then
    -- Every petition of this thread is in flight or was refused: ask for one that is surely
    -- wrong rather than stall; the driver reports the 409s.
    return wrk.format("POST", "/api/v1/petitions/" .. first .. "/transitions", headers,
                      string.format(bodies.accept, 1))
  end
  queue[head] = nil
  head = head + 1
  return wrk.format("POST", "/api/v1/petitions/" .. item.id .. "/transitions", headers,
                    string.format(bodies[item.action], item.version))
end

function response(status, resp_headers, body)
  if status ~= 200 then return end
  local id = tonumber(body:match('^{"id":(%d+)'))
  local version = tonumber(body:match('"version":(%d+)'))
  local actions = body:match('"available_actions":%[(.-)%]') or ""
  local action = actions:find('"record_satisfaction"') and "record_satisfaction" or "reply"
  if id and version then
    tail = tail + 1
    queue[tail] = { id = id, version = version, action = action }
  end
end

done = c.done("transition")
