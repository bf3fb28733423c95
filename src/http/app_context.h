#pragma once

// What the handlers share: the database, the calendar, the service settings and the login
// throttle. Built once by `xinfang serve` and passed to every resource's routes.

#include <cstdint>
#include <string>

#include "core/calendar.h"
#include "http/login_throttle.h"
#include "store/database.h"

namespace xinfang::http {

class Metrics;

struct ServiceConfig {
    std::int64_t session_idle_seconds = 30 * 60;
    ThrottleLimits login_limits;
    // Add `Secure` to the session cookie; on when the server sits behind HTTPS.
    bool secure_cookies = false;
    std::string web_root;  // the built web app; empty serves no files
};

struct AppContext {
    store::Database& db;
    const core::Calendar& calendar;
    ServiceConfig config;
    LoginThrottle& throttle;
    Metrics& metrics;
};

}  // namespace xinfang::http
