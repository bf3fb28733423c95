#pragma once

// The time limits as configuration (DESIGN.md §3): data/time-limits.txt holds one `key = days`
// per line, so that a bureau under a local rule, or a later revision of the Regulation, changes
// a number without a new program. Keys left out keep the statutory defaults of TimeLimits.

#include <optional>
#include <string>
#include <string_view>

#include "core/deadlines.h"

namespace xinfang::core {

// Parses the file's text. Blank lines and text after `#` are ignored. Keys are the member names
// of TimeLimits (acceptance_notice_days, handling_days, max_extension_days, review_request_days,
// review_decision_days, rereview_request_days, rereview_decision_days, monthly_report_day).
// On failure returns nothing and sets `error` to "line N: what is wrong".
std::optional<TimeLimits> ParseTimeLimits(std::string_view text, std::string* error);

}  // namespace xinfang::core
