#pragma once

#include "http/app_context.h"
#include "http/router.h"

namespace xinfang::http {

// /api/v1/users: accounts, read by admins and the coordination section, written by admins.
void AddUserRoutes(Router& router, AppContext& app);

}  // namespace xinfang::http
