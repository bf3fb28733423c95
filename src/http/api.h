#pragma once

#include "http/app_context.h"
#include "http/router.h"

namespace xinfang::http {

// The whole HTTP surface of `xinfang serve`: every route of docs/openapi.yaml, with sessions
// resolved against the database and the web app served for everything else.
Router BuildRouter(AppContext& app);

}  // namespace xinfang::http
