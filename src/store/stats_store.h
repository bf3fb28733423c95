#pragma once

// Counting petitions for the statistics (issue 6), inside the caller's transaction. Each
// function is one grouped query whose result is small whatever the number of petitions (the
// breakdowns share one, StatsCube: a dozen passes over a year of a million petitions took
// seconds), and
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

// The filtered petitions counted by every combination of region, group, leader, status,
// pollution type, level, source and channel, in one grouped pass; the total and each breakdown
// are summed from these cells.
class StatsCube {
public:
    StatsCube(Transaction& tx, const StatsFilter& filter);

    std::int64_t total() const;
    // Counts by one dimension, largest first, then by key.
    std::vector<KeyCount> CountBy(StatsDimension dimension) const;
    // Counts by leader and status: `key` is "leader_id|status", by leader, then status.
    std::vector<KeyCount> CountByLeaderAndStatus() const;

private:
    struct Cell {
        std::optional<std::int64_t> region_id, group_id, leader_id;
        std::string region_name, group_name, leader_name;
        std::string status, pollution_type, level, source, channel;
        std::int64_t count = 0;
    };
    std::vector<Cell> cells_;
};
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
