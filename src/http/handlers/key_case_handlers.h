#pragma once

#include "http/app_context.h"
#include "http/router.h"

namespace xinfang::http {

// /api/v1/key-cases: key cases, their petitions, tasks, ledger, minutes, closing report,
// attachments, escalation and export (docs/openapi.yaml, "key cases"; issue 5).
void AddKeyCaseRoutes(Router& router, AppContext& app);

// /api/v1/key-cases/{id}/archive.pdf and .zip: the archive export of one case file.
void AddKeyCaseExportRoutes(Router& router, AppContext& app);

// /api/v1/field-visits and the missing-visit board.
void AddFieldVisitRoutes(Router& router, AppContext& app);

// /api/v1/monthly-reports: drafts, submission, the board and reminders.
void AddMonthlyReportRoutes(Router& router, AppContext& app);

}  // namespace xinfang::http
