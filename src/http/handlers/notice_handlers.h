#pragma once

#include "http/app_context.h"
#include "http/router.h"

namespace xinfang::http {

// Notice templates and the notices issued for petitions (issue 6).
void AddNoticeRoutes(Router& router, AppContext& app);

}  // namespace xinfang::http
