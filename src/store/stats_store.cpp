#include "store/stats_store.h"

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

std::int64_t CountFiltered(Transaction& tx, const StatsFilter& filter) {
    Sql sql = Filtered(filter);
    return tx.Query("SELECT COUNT(*) AS n FROM petitions p" + sql.where, sql.params)
        .front()["n"]
        .AsInt();
}

std::vector<KeyCount> CountBy(Transaction& tx, const StatsFilter& filter,
                              StatsDimension dimension) {
    Sql sql = Filtered(filter);
    std::string select, join, group;
    switch (dimension) {
        case StatsDimension::kRegion:
            select = "p.region_id AS k, r.name AS name";
            join = " LEFT JOIN regions r ON r.id = p.region_id";
            group = "p.region_id, r.name";
            break;
        case StatsDimension::kGroup:
            select = "p.group_id AS k, g.name AS name";
            join = " LEFT JOIN case_groups g ON g.id = p.group_id";
            group = "p.group_id, g.name";
            break;
        case StatsDimension::kLeader:
            select = "p.leader_id AS k, l.name AS name";
            join = " LEFT JOIN leaders l ON l.id = p.leader_id";
            group = "p.leader_id, l.name";
            break;
        default: {
            const char* column = dimension == StatsDimension::kPollutionType ? "p.pollution_type"
                                 : dimension == StatsDimension::kLevel       ? "p.level"
                                 : dimension == StatsDimension::kSource      ? "p.source"
                                 : dimension == StatsDimension::kChannel     ? "p.channel"
                                                                             : "p.status";
            select = std::string(column) + " AS k, NULL AS name";
            group = column;
        }
    }
    return Named(tx,
                 "SELECT " + select + ", COUNT(*) AS n FROM petitions p" + join + sql.where +
                     " GROUP BY " + group + " ORDER BY n DESC, k",
                 sql.params);
}

std::vector<KeyCount> CountByLeaderAndStatus(Transaction& tx, const StatsFilter& filter) {
    Sql sql = Filtered(filter);
    std::vector<KeyCount> out;
    for (const auto& row : tx.Query("SELECT p.leader_id AS leader, l.name AS name, p.status AS "
                                    "status, COUNT(*) AS n FROM petitions p LEFT JOIN leaders l "
                                    "ON l.id = p.leader_id" +
                                        sql.where +
                                        " GROUP BY p.leader_id, l.name, p.status ORDER BY "
                                        "p.leader_id, p.status",
                                    sql.params)) {
        std::string leader = row["leader"].IsNull() ? "" : std::to_string(row["leader"].AsInt());
        out.push_back({leader + "|" + row["status"].AsText(),
                       row["name"].IsNull() ? "" : row["name"].AsText(), row["n"].AsInt()});
    }
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
