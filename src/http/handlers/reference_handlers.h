#pragma once

#include "http/app_context.h"
#include "http/router.h"

namespace xinfang::http {

// GET /api/v1/calendar/{year}, /api/v1/vocabularies and /api/v1/audit: reference data and the
// audit log, all read-only.
void AddReferenceRoutes(Router& router, AppContext& app);

}  // namespace xinfang::http
