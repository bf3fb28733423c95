#include "store/stats_store.h"

#include <algorithm>

#include "core/date.h"

namespace xinfang::store {
namespace {

constexpr std::int64_t kChinaOffset = 8 * 3600;

// The China date of an instant as days since the epoch.
std::int64_t DayOf(std::int64_t at) { return (at + kChinaOffset) / 86400; }

struct Sql {
    std::string where;
    Params params;

    void Add(const std::string& condition, Value value) {
        params.push_back(std::move(value));
        where += (where.empty() ? " WHERE " : " AND ") + condition + " $" +
                 std::to_string(params.size());
    }
};

Sql Filtered(const StatsFilter& f) {
    Sql sql;
    if (f.region_id) sql.Add("p.region_id =", *f.region_id);
    if (f.group_id) sql.Add("p.group_id =", *f.group_id);
    if (f.level) sql.Add("p.level =", *f.level);
    if (f.source) sql.Add("p.source =", *f.source);
    if (f.channel) sql.Add("p.channel =", *f.channel);
    if (f.pollution_type) sql.Add("p.pollution_type =", *f.pollution_type);
    if (f.status) sql.Add("p.status =", *f.status);
    return sql;
}

std::map<std::int64_t, std::string> Names(Transaction& tx, const char* table) {
    std::map<std::int64_t, std::string> out;
    for (const auto& row : tx.Query(std::string("SELECT id, name FROM ") + table)) {
        out[row["id"].AsInt()] = row["name"].AsText();
    }
    return out;
}

std::string Name(const std::map<std::int64_t, std::string>& names,
                 const std::optional<std::int64_t>& id) {
    if (!id) return "";
    auto found = names.find(*id);
    return found == names.end() ? "" : found->second;
}

// The month boundaries (China time) from the month of `from` to that of `before`, so that each
// query of the scan reads about a month of petitions.
std::vector<std::int64_t> MonthStarts(std::int64_t from, std::int64_t before) {
    std::vector<std::int64_t> out{from};
    for (core::Month month = core::Month::Of(core::DateOf(from)).Next();
         core::StartOfDay(month.First()) < before; month = month.Next()) {
        out.push_back(core::StartOfDay(month.First()));
    }
    out.push_back(before);
    return out;
}

// (start day, end day, extension, pauses) → count, as the groups the rates are computed from.
template <typename StepCounts>
std::vector<StepGroup> Groups(const StepCounts& steps) {
    std::vector<StepGroup> out;
    out.reserve(steps.size());
    for (const auto& [key, n] : steps) {
        const auto& [s, e, x, pauses] = key;
        out.push_back({{s, e, x, n, {}}, pauses});
    }
    return out;
}

}  // namespace

StatsScan::StatsScan(Transaction& tx, const StatsFilter& filter, const std::string& today) {
    std::int64_t from = 0, before = 0;
    {
        Rows bounds =
            tx.Query("SELECT MIN(received_at) AS lo, MAX(received_at) AS hi FROM petitions");
        if (bounds.front()["lo"].IsNull()) return;
        from = std::max(bounds.front()["lo"].AsInt(), filter.received_from.value_or(INT64_MIN));
        before =
            std::min(bounds.front()["hi"].AsInt() + 1, filter.received_before.value_or(INT64_MAX));
    }
    if (from >= before) return;
    region_names_ = Names(tx, "regions");
    group_names_ = Names(tx, "case_groups");
    leader_names_ = Names(tx, "leaders");

    Sql sql = Filtered(filter);
    std::size_t lo = sql.params.size() + 1;
    std::string query =
        "SELECT p.region_id, p.group_id, p.leader_id, p.status, p.pollution_type, p.level, "
        "p.source, p.channel, p.received_at, p.accepted_at, p.replied_at, p.last_step_at, "
        "p.extension_days, p.next_due, p.satisfaction, p.flags, p.pauses FROM petitions p" +
        sql.where + (sql.where.empty() ? " WHERE " : " AND ") + "p.received_at >= $" +
        std::to_string(lo) + " AND p.received_at < $" + std::to_string(lo + 1);
    std::vector<std::int64_t> starts = MonthStarts(from, before);
    for (std::size_t m = 0; m + 1 < starts.size(); ++m) {
        Params params = sql.params;
        params.push_back(starts[m]);
        params.push_back(starts[m + 1]);
        // Columns by position, in the order of the SELECT above.
        enum : std::size_t {
            kRegion,
            kGroup,
            kLeader,
            kStatus,
            kPollution,
            kLevel,
            kSource,
            kChannel,
            kReceived,
            kAccepted,
            kReplied,
            kLastStep,
            kExtension,
            kNextDue,
            kSatisfaction,
            kFlags,
            kPauses
        };
        Rows rows = tx.Query(query, params);
        std::string key;
        for (const auto& row : rows) {
            ++total_;
            key.clear();
            for (std::size_t c : {kRegion, kGroup, kLeader}) {
                key += row[c].IsNull() ? "-" : std::to_string(row[c].AsInt());
                key += '|';
            }
            for (std::size_t c : {kStatus, kPollution, kLevel, kSource, kChannel}) {
                key += row[c].AsText();
                key += '|';
            }
            auto it = cells_.find(key);
            if (it == cells_.end()) {
                it = cells_
                         .emplace(key, Cell{row[kRegion].OptInt(), row[kGroup].OptInt(),
                                            row[kLeader].OptInt(), row[kStatus].AsText(),
                                            row[kPollution].AsText(), row[kLevel].AsText(),
                                            row[kSource].AsText(), row[kChannel].AsText(), 0})
                         .first;
            }
            ++it->second.count;

            std::int64_t received = row[kReceived].AsInt();
            ++days_[DayOf(received)];
            const std::string& pauses = row[kPauses].AsText();
            const std::string& status = it->second.status;
            // A petition not accepted or forwarded was decided at its last step, which it stays
            // in.
            std::optional<std::int64_t> accepted = row[kAccepted].OptInt();
            std::optional<std::int64_t> decided = accepted;
            if (!decided && (status == "not_accepted" || status == "forwarded")) {
                decided = row[kLastStep].AsInt();
            }
            if (decided) ++acceptance_[{DayOf(received), DayOf(*decided), 0, pauses}];
            std::optional<std::int64_t> replied = row[kReplied].OptInt();
            if (accepted && replied) {
                int extension = static_cast<int>(row[kExtension].AsInt());
                ++completion_[{DayOf(*accepted), DayOf(*replied), extension, pauses}];
            }

            if (!row[kNextDue].IsNull()) {
                ++statuses_.running;
                if (row[kNextDue].AsText() < today) ++statuses_.overdue;
            }
            if (!row[kSatisfaction].IsNull()) {
                ++statuses_.rated;
                const std::string& satisfaction = row[kSatisfaction].AsText();
                if (satisfaction == "satisfied" || satisfaction == "basically_satisfied") {
                    ++statuses_.satisfied;
                }
            }
            if (row[kFlags].AsText().find(",repeat,") != std::string::npos) ++statuses_.repeat;
        }
    }
}

std::vector<KeyCount> StatsScan::CountBy(StatsDimension dimension) const {
    struct Sum {
        std::optional<std::int64_t> id;
        std::string name;
        std::int64_t count = 0;
    };
    std::map<std::string, Sum> sums;
    for (const auto& [key_of_cell, c] : cells_) {
        std::optional<std::int64_t> id;
        std::string key, name;
        switch (dimension) {
            case StatsDimension::kRegion:
                id = c.region_id, name = Name(region_names_, id);
                break;
            case StatsDimension::kGroup:
                id = c.group_id, name = Name(group_names_, id);
                break;
            case StatsDimension::kLeader:
                id = c.leader_id, name = Name(leader_names_, id);
                break;
            case StatsDimension::kPollutionType:
                key = c.pollution_type;
                break;
            case StatsDimension::kLevel:
                key = c.level;
                break;
            case StatsDimension::kSource:
                key = c.source;
                break;
            case StatsDimension::kChannel:
                key = c.channel;
                break;
            case StatsDimension::kStatus:
                key = c.status;
                break;
        }
        if (id) key = std::to_string(*id);
        Sum& sum = sums[key];
        sum.id = id;
        sum.name = name;
        sum.count += c.count;
    }
    // Ids sort as numbers, codes as text, none first.
    std::vector<std::pair<std::string, Sum>> ordered(sums.begin(), sums.end());
    std::sort(ordered.begin(), ordered.end(), [](const auto& a, const auto& b) {
        if (a.second.count != b.second.count) return a.second.count > b.second.count;
        if (a.second.id && b.second.id) return *a.second.id < *b.second.id;
        if (a.second.id.has_value() != b.second.id.has_value()) return !a.second.id.has_value();
        return a.first < b.first;
    });
    std::vector<KeyCount> out;
    out.reserve(ordered.size());
    for (auto& [key, sum] : ordered) out.push_back({key, sum.name, sum.count});
    return out;
}

std::vector<KeyCount> StatsScan::CountByLeaderAndStatus() const {
    std::map<std::pair<std::int64_t, std::string>, KeyCount> sums;  // (leader or -1, status)
    for (const auto& [key_of_cell, c] : cells_) {
        std::string leader = c.leader_id ? std::to_string(*c.leader_id) : "";
        KeyCount& k = sums[{c.leader_id.value_or(-1), c.status}];
        k.key = leader + "|" + c.status;
        k.name = Name(leader_names_, c.leader_id);
        k.count += c.count;
    }
    std::vector<KeyCount> out;
    out.reserve(sums.size());
    for (auto& [order, k] : sums) out.push_back(std::move(k));
    return out;
}

std::vector<core::DayCount> StatsScan::ReceivedDays() const {
    std::vector<core::DayCount> out;
    out.reserve(days_.size());
    for (const auto& [day, n] : days_) out.push_back({day, n});
    return out;
}

std::vector<StepGroup> StatsScan::AcceptanceSteps() const { return Groups(acceptance_); }

std::vector<StepGroup> StatsScan::CompletionSteps() const { return Groups(completion_); }

std::vector<KeyCount> CountKeyCasesByLeaderAndStage(Transaction& tx) {
    std::vector<KeyCount> out;
    for (const auto& row :
         tx.Query("SELECT k.leader_id AS leader, l.name AS name, k.stage AS stage, "
                  "COUNT(*) AS n FROM key_cases k JOIN leaders l ON l.id = "
                  "k.leader_id GROUP BY k.leader_id, l.name, k.stage ORDER BY "
                  "k.leader_id, k.stage")) {
        out.push_back({std::to_string(row["leader"].AsInt()) + "|" + row["stage"].AsText(),
                       row["name"].AsText(), row["n"].AsInt()});
    }
    return out;
}

}  // namespace xinfang::store
