#pragma once

#include "http/app_context.h"
#include "http/router.h"

namespace xinfang::http {

// The seed's attachments as XLSX and PDF (issue 6).
void AddReportRoutes(Router& router, AppContext& app);

}  // namespace xinfang::http
