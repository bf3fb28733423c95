#include "http/api.h"

#include "http/handlers/import_handlers.h"
#include "http/handlers/key_case_handlers.h"
#include "http/handlers/notice_handlers.h"
#include "http/handlers/org_handlers.h"
#include "http/handlers/petition_handlers.h"
#include "http/handlers/reception_handlers.h"
#include "http/handlers/reference_handlers.h"
#include "http/handlers/report_handlers.h"
#include "http/handlers/service_handlers.h"
#include "http/handlers/session_handlers.h"
#include "http/handlers/stats_handlers.h"
#include "http/handlers/user_handlers.h"
#include "http/session_auth.h"
#include "http/static_files.h"

namespace xinfang::http {

Router BuildRouter(AppContext& app) {
    Router router([&app](const Exchange& exchange) { return Authenticate(app, exchange); });
    AddServiceRoutes(router, app);
    AddSessionRoutes(router, app);
    AddOrgRoutes(router, app);
    AddUserRoutes(router, app);
    AddReferenceRoutes(router, app);
    AddPetitionRoutes(router, app);
    AddPetitionActionRoutes(router, app);
    AddInspectionRoutes(router, app);
    AddSupervisionRoutes(router, app);
    AddReceptionRoutes(router, app);
    AddPublicRoutes(router, app);
    AddKeyCaseRoutes(router, app);
    AddKeyCaseExportRoutes(router, app);
    AddFieldVisitRoutes(router, app);
    AddMonthlyReportRoutes(router, app);
    AddReportRoutes(router, app);
    AddNoticeRoutes(router, app);
    AddStatsRoutes(router, app);
    AddImportRoutes(router, app);
    if (!app.config.web_root.empty()) router.SetFallback(StaticFiles(app.config.web_root));
    return router;
}

}  // namespace xinfang::http
