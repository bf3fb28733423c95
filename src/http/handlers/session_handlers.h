#pragma once

#include "http/app_context.h"
#include "http/router.h"

namespace xinfang::http {

// POST/DELETE /api/v1/session and GET /api/v1/me (docs/openapi.yaml, "session").
void AddSessionRoutes(Router& router, AppContext& app);

}  // namespace xinfang::http
