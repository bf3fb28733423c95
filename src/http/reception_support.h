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

// Saves generated days (not the hand-made ones, which are already saved) with the
// configuration's place, phone and capacity; returns how many were saved.
int SaveGeneratedDays(store::Transaction& tx, const std::vector<core::ProposedDay>& days,
                      const ReceptionConfig& config, bool publish);

// A day as the feeds and the announcement publish it.
reports::FeedDay ToFeedDay(const store::ReceptionDayRow& day);

// Start of the day's session in epoch seconds (China time).
std::int64_t SessionStart(const store::ReceptionDayRow& day);
bool BookingOpen(const store::ReceptionDayRow& day, const ReceptionConfig& config,
                 std::int64_t now);

}  // namespace xinfang::http
