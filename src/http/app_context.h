#pragma once

// What the handlers share: the database, the calendar, the service settings and the login
// throttle. Built once by `xinfang serve` and passed to every resource's routes.

#include <cstdint>
#include <string>

#include "core/calendar.h"
#include "core/deadlines.h"
#include "http/login_throttle.h"
#include "http/rate_limiter.h"
#include "security/field_crypto.h"
#include "store/database.h"
#include "store/file_store.h"

namespace xinfang::http {

class Metrics;

struct ServiceConfig {
    std::int64_t session_idle_seconds = 30 * 60;
    ThrottleLimits login_limits;
    // Add `Secure` to the session cookie; on when the server sits behind HTTPS.
    bool secure_cookies = false;
    std::string web_root;  // the built web app; empty serves no files
    core::TimeLimits limits;
    // "Due soon" on the supervision board and in lists: within this many working days.
    int due_soon_working_days = 3;
    std::size_t max_upload_bytes = 10 * 1024 * 1024;
    // Public writes and lookups allowed per client address per hour.
    int public_requests_per_hour = 30;
    // The public base address used in announcements (where citizens book); empty: the address
    // the request came to.
    std::string public_base_url;
};

struct AppContext {
    store::Database& db;
    const core::Calendar& calendar;
    ServiceConfig config;
    LoginThrottle& throttle;
    Metrics& metrics;
    const security::FieldKey& field_key;  // petitioners' personal data
    const store::FileStore& files;        // attachments
    RateLimiter& public_limiter;          // writes and lookups on /api/public/
};

}  // namespace xinfang::http
