#pragma once

#include "http/app_context.h"
#include "http/router.h"

namespace xinfang::http {

// /api/v1/regions, /units, /leaders, /groups: read by every signed-in role, written by admins,
// every write audited (docs/openapi.yaml, "organisation").
void AddOrgRoutes(Router& router, AppContext& app);

}  // namespace xinfang::http
