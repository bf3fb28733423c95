#include "store/stats_store.h"

#include <algorithm>
#include <map>

namespace xinfang::store {
namespace {

// The China date of an epoch-seconds column as days since the epoch.
std::string DayOf(const std::string& column) { return "((" + column + " + 28800) / 86400)"; }

struct Sql {
    std::string where;
    Params params;

    void Add(const std::string& condition, Value value) {
        params.push_back(std::move(value));
        where += (where.empty() ? " WHERE " : " AND ") + condition + " $" +
                 std::to_string(params.size());
    }
    void Append(const std::string& condition) {
        where += (where.empty() ? " WHERE " : " AND ") + condition;
    }
};

Sql Filtered(const StatsFilter& f) {
    Sql sql;
    if (f.received_from) sql.Add("p.received_at >=", *f.received_from);
    if (f.received_before) sql.Add("p.received_at <", *f.received_before);
    if (f.region_id) sql.Add("p.region_id =", *f.region_id);
    if (f.group_id) sql.Add("p.group_id =", *f.group_id);
    if (f.level) sql.Add("p.level =", *f.level);
    if (f.source) sql.Add("p.source =", *f.source);
    if (f.channel) sql.Add("p.channel =", *f.channel);
    if (f.pollution_type) sql.Add("p.pollution_type =", *f.pollution_type);
    if (f.status) sql.Add("p.status =", *f.status);
    return sql;
}

std::vector<KeyCount> Named(Transaction& tx, const std::string& sql, const Params& params) {
    std::vector<KeyCount> out;
    for (const auto& row : tx.Query(sql, params)) {
        KeyCount k;
        const Value& key = row["k"];
        k.key = key.IsNull() ? "" : key.IsText() ? key.AsText() : std::to_string(key.AsInt());
        k.name = row["name"].IsNull() ? "" : row["name"].AsText();
        k.count = row["n"].AsInt();
        out.push_back(std::move(k));
    }
    return out;
}

std::vector<StepGroup> Steps(Transaction& tx, const std::string& sql, const Params& params) {
    std::vector<StepGroup> out;
    for (const auto& row : tx.Query(sql, params)) {
        out.push_back({{row["s"].AsInt(),
                        row["e"].AsInt(),
                        static_cast<int>(row["x"].AsInt()),
                        row["n"].AsInt(),
                        {}},
                       row["z"].AsText()});
    }
    return out;
}

}  // namespace

StatsCube::StatsCube(Transaction& tx, const StatsFilter& filter) {
    Sql sql = Filtered(filter);
    // Grouped first, named after: the names are looked up once per cell, not once per petition.
    Rows rows = tx.Query(
        "SELECT c.*, r.name AS region_name, g.name AS group_name, l.name AS leader_name FROM "
        "(SELECT p.region_id, p.group_id, p.leader_id, p.status, p.pollution_type, p.level, "
        "p.source, p.channel, COUNT(*) AS n FROM petitions p" +
            sql.where +
            " GROUP BY p.region_id, p.group_id, p.leader_id, p.status, p.pollution_type, "
            "p.level, p.source, p.channel) c "
            "LEFT JOIN regions r ON r.id = c.region_id "
            "LEFT JOIN case_groups g ON g.id = c.group_id "
            "LEFT JOIN leaders l ON l.id = c.leader_id",
        sql.params);
    cells_.reserve(rows.size());
    auto text = [](const Value& v) { return v.IsNull() ? std::string() : v.AsText(); };
    for (const auto& row : rows) {
        cells_.push_back({row["region_id"].OptInt(), row["group_id"].OptInt(),
                          row["leader_id"].OptInt(), text(row["region_name"]),
                          text(row["group_name"]), text(row["leader_name"]), row["status"].AsText(),
                          row["pollution_type"].AsText(), row["level"].AsText(),
                          row["source"].AsText(), row["channel"].AsText(), row["n"].AsInt()});
    }
}

std::int64_t StatsCube::total() const {
    std::int64_t n = 0;
    for (const auto& cell : cells_) n += cell.count;
    return n;
}

std::vector<KeyCount> StatsCube::CountBy(StatsDimension dimension) const {
    // key → (sort key, name, count); ids sort as numbers, codes as text, none first.
    struct Sum {
        std::optional<std::int64_t> id;
        std::string name;
        std::int64_t count = 0;
    };
    std::map<std::string, Sum> sums;
    for (const auto& c : cells_) {
        std::optional<std::int64_t> id;
        std::string key, name;
        switch (dimension) {
            case StatsDimension::kRegion:
                id = c.region_id, name = c.region_name;
                break;
            case StatsDimension::kGroup:
                id = c.group_id, name = c.group_name;
                break;
            case StatsDimension::kLeader:
                id = c.leader_id, name = c.leader_name;
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

std::vector<KeyCount> StatsCube::CountByLeaderAndStatus() const {
    std::map<std::pair<std::int64_t, std::string>, KeyCount> sums;  // (leader or -1, status)
    for (const auto& c : cells_) {
        std::string leader = c.leader_id ? std::to_string(*c.leader_id) : "";
        KeyCount& k = sums[{c.leader_id.value_or(-1), c.status}];
        k.key = leader + "|" + c.status;
        k.name = c.leader_name;
        k.count += c.count;
    }
    std::vector<KeyCount> out;
    out.reserve(sums.size());
    for (auto& [order, k] : sums) out.push_back(std::move(k));
    return out;
}

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

std::vector<core::DayCount> CountByReceivedDay(Transaction& tx, const StatsFilter& filter) {
    Sql sql = Filtered(filter);
    std::string day = DayOf("p.received_at");
    std::vector<core::DayCount> out;
    for (const auto& row : tx.Query("SELECT " + day + " AS d, COUNT(*) AS n FROM petitions p" +
                                        sql.where + " GROUP BY " + day,
                                    sql.params)) {
        out.push_back({row["d"].AsInt(), row["n"].AsInt()});
    }
    return out;
}

std::vector<StepGroup> AcceptanceSteps(Transaction& tx, const StatsFilter& filter) {
    Sql sql = Filtered(filter);
    // A petition not accepted or forwarded was decided at its last step, which it stays in.
    std::string decided =
        "COALESCE(p.accepted_at, CASE WHEN p.status IN ('not_accepted', 'forwarded') THEN "
        "p.last_step_at END)";
    sql.Append(decided + " IS NOT NULL");
    std::string s = DayOf("p.received_at"), e = DayOf(decided);
    return Steps(tx,
                 "SELECT " + s + " AS s, " + e +
                     " AS e, 0 AS x, p.pauses AS z, COUNT(*) AS n FROM petitions p" + sql.where +
                     " GROUP BY " + s + ", " + e + ", p.pauses",
                 sql.params);
}

std::vector<StepGroup> CompletionSteps(Transaction& tx, const StatsFilter& filter) {
    Sql sql = Filtered(filter);
    sql.Append("p.accepted_at IS NOT NULL AND p.replied_at IS NOT NULL");
    std::string s = DayOf("p.accepted_at"), e = DayOf("p.replied_at");
    return Steps(tx,
                 "SELECT " + s + " AS s, " + e +
                     " AS e, p.extension_days AS x, p.pauses AS z, COUNT(*) AS n "
                     "FROM petitions p" +
                     sql.where + " GROUP BY " + s + ", " + e + ", p.extension_days, p.pauses",
                 sql.params);
}

StatusCounts CountStatuses(Transaction& tx, const StatsFilter& filter, const std::string& today) {
    Sql sql = Filtered(filter);
    sql.params.push_back(today);
    std::string t = "$" + std::to_string(sql.params.size());
    Rows rows = tx.Query(
        "SELECT "
        "COALESCE(SUM(CASE WHEN p.next_due IS NOT NULL THEN 1 ELSE 0 END), 0) AS running, "
        "COALESCE(SUM(CASE WHEN p.next_due < " +
            t +
            " THEN 1 ELSE 0 END), 0) AS overdue, "
            "COALESCE(SUM(CASE WHEN p.satisfaction IS NOT NULL THEN 1 ELSE 0 END), 0) AS "
            "rated, "
            "COALESCE(SUM(CASE WHEN p.satisfaction IN ('satisfied', 'basically_satisfied') "
            "THEN 1 ELSE 0 END), 0) AS satisfied, "
            "COALESCE(SUM(CASE WHEN p.flags LIKE '%,repeat,%' THEN 1 ELSE 0 END), 0) AS "
            "repeat_n "
            "FROM petitions p" +
            sql.where,
        sql.params);
    const auto row = rows.front();
    return {row["running"].AsInt(), row["overdue"].AsInt(), row["rated"].AsInt(),
            row["satisfied"].AsInt(), row["repeat_n"].AsInt()};
}

}  // namespace xinfang::store
