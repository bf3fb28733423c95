#pragma once

// Counting petitions for the statistics (issue 6), inside the caller's transaction. Each
// function is one grouped query whose result is small whatever the number of petitions, and
// the same SQL runs on both engines (days are integer arithmetic on the epoch seconds, in China
// time, rather than engine-specific date functions).

#include <optional>
#include <string>
#include <vector>

#include "core/stats.h"
#include "store/database.h"

namespace xinfang::store {

struct StatsFilter {
    std::optional<std::int64_t> received_from;    // inclusive, epoch seconds
    std::optional<std::int64_t> received_before;  // exclusive
    std::optional<std::int64_t> region_id, group_id;
    std::optional<std::string> level, source, channel, pollution_type, status;
};

enum class StatsDimension {
    kRegion,
    kGroup,
    kLeader,
    kPollutionType,
    kLevel,
    kSource,
    kChannel,
    kStatus,
};

struct KeyCount {
    std::string key;   // the code, or the id as text for region, group and leader ("" for none)
    std::string name;  // the name for region, group and leader; empty for codes
    std::int64_t count = 0;
};

std::int64_t CountFiltered(Transaction& tx, const StatsFilter& filter);
// Counts by one dimension, largest first.
std::vector<KeyCount> CountBy(Transaction& tx, const StatsFilter& filter, StatsDimension dimension);
// Counts by leader and status: `key` is "leader_id|status".
std::vector<KeyCount> CountByLeaderAndStatus(Transaction& tx, const StatsFilter& filter);
// Key cases (Attachment 3) by owning leader and stage: `key` is "leader_id|stage". Key cases
// are few and not filtered by the petition filters.
std::vector<KeyCount> CountKeyCasesByLeaderAndStage(Transaction& tx);
std::vector<core::DayCount> CountByReceivedDay(Transaction& tx, const StatsFilter& filter);

// Groups of petitions by their step days, with the pauses recorded on them as the petition row
// holds them (JSON; "[]" for none), which the caller reads into `step.paused`.
struct StepGroup {
    core::StepDays step;
    std::string pauses_json;
};
// Received day → day of the acceptance decision (accepted, not accepted or forwarded).
std::vector<StepGroup> AcceptanceSteps(Transaction& tx, const StatsFilter& filter);
// Accepted day → replied day, with the extension granted.
std::vector<StepGroup> CompletionSteps(Transaction& tx, const StatsFilter& filter);

struct StatusCounts {
    std::int64_t running = 0;    // with a running deadline
    std::int64_t overdue = 0;    // of those, past it on `today`
    std::int64_t rated = 0;      // replies with a satisfaction
    std::int64_t satisfied = 0;  // satisfied or basically satisfied
    std::int64_t repeat = 0;     // flagged repeat
};
StatusCounts CountStatuses(Transaction& tx, const StatsFilter& filter, const std::string& today);

}  // namespace xinfang::store
