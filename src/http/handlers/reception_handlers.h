#pragma once

#include "http/app_context.h"
#include "http/router.h"

namespace xinfang::http {

// Staff side of issue #4: reception days and their schedule, announcements, bookings,
// invitations, and turning a booking into a petition.
void AddReceptionRoutes(Router& router, AppContext& app);

// The public side (/api/public/): upcoming days, feeds, booking, online complaints, lookups.
void AddPublicRoutes(Router& router, AppContext& app);

}  // namespace xinfang::http
