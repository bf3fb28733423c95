#include "core/time_limits.h"

#include <array>
#include <charconv>

namespace xinfang::core {
namespace {

struct Field {
    std::string_view key;
    int TimeLimits::*member;
    int min;
    int max;
};

// The bounds keep a typing mistake from silently disabling a limit: no statutory limit is zero
// days or longer than a year, and the report day is a day of the month.
constexpr std::array<Field, 8> kFields = {{
    {"acceptance_notice_days", &TimeLimits::acceptance_notice_days, 1, 365},
    {"handling_days", &TimeLimits::handling_days, 1, 365},
    {"max_extension_days", &TimeLimits::max_extension_days, 0, 365},
    {"review_request_days", &TimeLimits::review_request_days, 1, 365},
    {"review_decision_days", &TimeLimits::review_decision_days, 1, 365},
    {"rereview_request_days", &TimeLimits::rereview_request_days, 1, 365},
    {"rereview_decision_days", &TimeLimits::rereview_decision_days, 1, 365},
    {"monthly_report_day", &TimeLimits::monthly_report_day, 1, 31},
}};

std::string_view Trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) {
        text.remove_suffix(1);
    }
    return text;
}

}  // namespace

std::optional<TimeLimits> ParseTimeLimits(std::string_view text, std::string* error) {
    TimeLimits limits;
    int line_number = 0;
    auto fail = [&](const std::string& what) -> std::optional<TimeLimits> {
        if (error) *error = "line " + std::to_string(line_number) + ": " + what;
        return std::nullopt;
    };

    while (!text.empty()) {
        ++line_number;
        std::size_t end = text.find('\n');
        std::string_view line = text.substr(0, end);
        text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
        if (auto hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
        line = Trim(line);
        if (line.empty()) continue;

        std::size_t equals = line.find('=');
        if (equals == std::string_view::npos) return fail("expected `key = days`");
        std::string_view key = Trim(line.substr(0, equals));
        std::string_view value = Trim(line.substr(equals + 1));

        const Field* field = nullptr;
        for (const auto& f : kFields) {
            if (f.key == key) field = &f;
        }
        if (!field) return fail("unknown key `" + std::string(key) + "`");
        int days = 0;
        auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), days);
        if (ec != std::errc() || ptr != value.data() + value.size()) {
            return fail("`" + std::string(key) + "` needs a whole number");
        }
        if (days < field->min || days > field->max) {
            return fail("`" + std::string(key) + "` must be between " + std::to_string(field->min) +
                        " and " + std::to_string(field->max));
        }
        limits.*(field->member) = days;
    }
    return limits;
}

}  // namespace xinfang::core
