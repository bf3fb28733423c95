#pragma once

#include "http/app_context.h"
#include "http/router.h"

namespace xinfang::http {

// GET /healthz (the database answers) and GET /metrics (Prometheus text), for operators and
// load balancers; no login.
void AddServiceRoutes(Router& router, AppContext& app);

}  // namespace xinfang::http
