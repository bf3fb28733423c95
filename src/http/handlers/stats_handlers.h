#pragma once

#include "http/app_context.h"
#include "http/router.h"

namespace xinfang::http {

// Statistics of petitions and their XLSX and CSV exports (issue 6).
void AddStatsRoutes(Router& router, AppContext& app);

}  // namespace xinfang::http
