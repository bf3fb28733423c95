-- POST requests with one JSON body per line of the fixture XF_LIST to the path XF_PATH:
-- registrations (register.jsonl to /api/v1/petitions) and repeat candidates (repeat.jsonl to
-- /api/v1/petitions/repeat-candidates).
package.path = (os.getenv("XF_WRK_DIR") or ".") .. "/?.lua;" .. package.path
local c = require("common")
local file = os.getenv("XF_LIST") or "register.jsonl"
local path = os.getenv("XF_PATH") or "/api/v1/petitions"
local bodies, i, headers
setup = c.setup

function init(args)
  bodies = c.lines(file)
  i = (thread_index or 0) * math.floor(#bodies / 4)
  headers = c.headers(true)
end

function request()
  i = i + 1
  return wrk.format("POST", path, headers, bodies[(i % #bodies) + 1])
end

done = c.done(os.getenv("XF_OPERATION") or file)
