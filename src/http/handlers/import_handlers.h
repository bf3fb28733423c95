#pragma once

#include "http/app_context.h"
#include "http/router.h"

namespace xinfang::http {

// Ledger import from an uploaded CSV or XLSX (issue 6).
void AddImportRoutes(Router& router, AppContext& app);

}  // namespace xinfang::http
