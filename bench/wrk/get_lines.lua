-- GET requests, one path per line of the fixture named by XF_LIST (list.txt, search.txt),
-- or GET /api/v1/petitions/{id} for each id of ids.txt when XF_LIST is ids.txt.
package.path = (os.getenv("XF_WRK_DIR") or ".") .. "/?.lua;" .. package.path
local c = require("common")
local file = os.getenv("XF_LIST") or "list.txt"
local paths, i, headers
setup = c.setup

function init(args)
  paths = c.lines(file)
  if file == "ids.txt" then
    for k, id in ipairs(paths) do paths[k] = "/api/v1/petitions/" .. id end
  end
  i = (thread_index or 0) * 7919
  headers = c.headers(false)
end

function request()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1], headers)
end

done = c.done(os.getenv("XF_OPERATION") or file)
