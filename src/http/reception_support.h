#pragma once

// Shared by the staff and public reception handlers: the saved schedule configuration, the
// JSON of a day, and when booking closes.

#include <boost/json.hpp>

#include "core/reception.h"
#include "http/app_context.h"
#include "reports/feeds.h"
#include "store/reception_store.h"

namespace xinfang::http {

struct ReceptionConfig {
    core::ScheduleRule rule;
    std::string place = "南通市海门生态环境局信访接待室";
    std::string phone = "82219316";
    int capacity = 20;
    int booking_closes_hours_before = 24;
};

// The saved configuration, or the seed's defaults (rotation from the demo leaders when present).
ReceptionConfig LoadReceptionConfig(store::Transaction& tx);
void SaveReceptionConfig(store::Transaction& tx, const ReceptionConfig& config);
boost::json::object ReceptionConfigJson(const ReceptionConfig& config);

boost::json::object DayJson(const store::ReceptionDayRow& day);
// What the public sees of a day: no internal note, free places, whether booking is open.
boost::json::object PublicDayJson(const store::ReceptionDayRow& day, const ReceptionConfig& config);

// What saving a year's proposal did, for the answer and the audit entry.
struct ScheduleSaved {
    int added = 0;
    int updated = 0;  // saved generated days changed in place
    int deleted = 0;
    int kept = 0;  // referenced days left as they were
    std::vector<std::string> warnings;
};

// The saved days of `year` as PlanRegeneration sees them.
std::vector<core::SavedDay> SavedDaysOf(store::Transaction& tx,
                                        const std::vector<store::ReceptionDayRow>& days);

// Saves a year's proposal over the saved days of that year by core::PlanRegeneration:
// generated days are updated in place (same id, published state kept, the configuration's
// place, phone and capacity, never below the day's active bookings), added or deleted;
// hand-made days are not touched. `publish` also publishes every generated day of the year.
ScheduleSaved SaveSchedule(store::Transaction& tx, const std::vector<core::ProposedDay>& days,
                           const std::vector<store::ReceptionDayRow>& existing,
                           const ReceptionConfig& config, bool publish);

// Whether a name typed on the public pages is plain text: no control characters (which would
// break the staff's lists and exports) and no markup characters '<' or '>'.
bool IsPlainName(std::string_view text);

// The active region a booking names, by its id (a JSON integer) or its exact name; nullopt
// when the value names none.
std::optional<core::Region> MatchRegion(const std::vector<core::Region>& regions,
                                        const boost::json::value& value);

// A day as the feeds and the announcement publish it.
reports::FeedDay ToFeedDay(const store::ReceptionDayRow& day);

// Start of the day's session in epoch seconds (China time).
std::int64_t SessionStart(const store::ReceptionDayRow& day);
bool BookingOpen(const store::ReceptionDayRow& day, const ReceptionConfig& config,
                 std::int64_t now);

}  // namespace xinfang::http
