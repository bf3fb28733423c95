#include "store/petition_store.h"

#include <algorithm>
#include <iterator>
#include <map>
#include <sstream>

#include "core/date.h"

namespace xinfang::store {
namespace {

// The petitions a query wants are chosen first, in a derived table holding its own WHERE, ORDER
// BY and LIMIT, and only those rows are joined to their names and first petitioner. Written
// as one join with the filter outside, both engines built the joined row of every petition
// that might match before filtering or sorting: SQLite for every search match, PostgreSQL
// for the whole table, planning eight joins each time (docs/benchmarks.md).
std::string SelectPetitions(const std::string& chosen, const std::string& order) {
    return R"sql(
SELECT p.*, r.name AS region_name, g.name AS group_name, l.name AS leader_name,
       rl.name AS receiving_leader_name,
       ru.name AS responsible_unit_name, au.name AS assigned_unit_name,
       eu.display_name AS extension_by_name,
       (SELECT pp.name_masked FROM petitioners pp WHERE pp.petition_id = p.id
        ORDER BY pp.representative DESC, pp.position LIMIT 1) AS petitioner_masked
FROM (SELECT * FROM petitions p )sql" +
           chosen + R"sql() p
JOIN regions r ON r.id = p.region_id
LEFT JOIN case_groups g ON g.id = p.group_id
LEFT JOIN leaders l ON l.id = p.leader_id
LEFT JOIN leaders rl ON rl.id = p.receiving_leader_id
LEFT JOIN units ru ON ru.id = p.responsible_unit_id
LEFT JOIN units au ON au.id = p.assigned_unit_id
LEFT JOIN users eu ON eu.id = p.extension_by
)sql" + order;
}

std::string JoinFlags(const std::vector<std::string>& flags) {
    std::string out = ",";
    for (const auto& flag : flags) out += flag + ",";
    return out;
}

std::vector<std::string> SplitFlags(const std::string& text) {
    std::vector<std::string> out;
    std::stringstream in(text);
    std::string item;
    while (std::getline(in, item, ',')) {
        if (!item.empty()) out.push_back(item);
    }
    return out;
}

PetitionRow PetitionFrom(const Rows::Row& row) {
    PetitionRow p;
    p.id = row["id"].AsInt();
    p.code = row["code"].AsText();
    p.status = row["status"].AsText();
    p.version = row["version"].AsInt();
    p.channel = row["channel"].AsText();
    p.source = row["source"].AsText();
    p.level = row["level"].AsText();
    p.content_type = row["content_type"].AsText();
    p.legal_category = row["legal_category"].AsText();
    p.pollution_type = row["pollution_type"].AsText();
    p.region_id = row["region_id"].AsInt();
    p.region_name = row["region_name"].AsText();
    p.group_id = row["group_id"].OptInt();
    p.group_name = row["group_name"].OptText();
    p.leader_id = row["leader_id"].OptInt();
    p.leader_name = row["leader_name"].OptText();
    p.receiving_leader_id = row["receiving_leader_id"].OptInt();
    p.receiving_leader_name = row["receiving_leader_name"].OptText();
    p.responsible_unit_id = row["responsible_unit_id"].OptInt();
    p.responsible_unit_name = row["responsible_unit_name"].OptText();
    p.location = row["location"].AsText();
    p.respondent = row["respondent"].AsText();
    p.summary = row["summary"].AsText();
    p.demand = row["demand"].AsText();
    p.received_at = row["received_at"].AsInt();
    p.people_count = static_cast<int>(row["people_count"].AsInt());
    p.flags = SplitFlags(row["flags"].AsText());
    p.accepted_at = row["accepted_at"].OptInt();
    p.reported_at = row["reported_at"].OptInt();
    p.replied_at = row["replied_at"].OptInt();
    p.review_requested_at = row["review_requested_at"].OptInt();
    p.review_decided_at = row["review_decided_at"].OptInt();
    p.rereview_requested_at = row["rereview_requested_at"].OptInt();
    p.rereview_decided_at = row["rereview_decided_at"].OptInt();
    p.decline_reason = row["decline_reason"].OptText();
    p.forwarded_to = row["forwarded_to"].OptText();
    p.assigned_unit_id = row["assigned_unit_id"].OptInt();
    p.assigned_unit_name = row["assigned_unit_name"].OptText();
    p.assignment_requirements = row["assignment_requirements"].OptText();
    p.unit_target = row["unit_target"].OptText();
    p.assigned_at = row["assigned_at"].OptInt();
    p.findings = row["findings"].OptText();
    p.extension_days = static_cast<int>(row["extension_days"].AsInt());
    p.extension_reason = row["extension_reason"].OptText();
    p.extension_by = row["extension_by"].OptInt();
    p.extension_by_name = row["extension_by_name"].OptText();
    p.extension_at = row["extension_at"].OptInt();
    p.reply_content = row["reply_content"].OptText();
    p.reply_way = row["reply_way"].OptText();
    p.satisfaction = row["satisfaction"].OptText();
    p.pauses_json = row["pauses"].AsText();
    p.next_due = row["next_due"].OptText();
    p.next_due_kind = row["next_due_kind"].OptText();
    p.last_step_at = row["last_step_at"].AsInt();
    p.registered_by = row["registered_by"].OptInt();
    p.created_at = row["created_at"].AsInt();
    p.updated_at = row["updated_at"].AsInt();
    p.petitioner_masked = row["petitioner_masked"].OptText();
    return p;
}

std::vector<PetitionRow> PetitionsFrom(const Rows& rows) {
    std::vector<PetitionRow> out;
    out.reserve(rows.size());
    for (const auto& row : rows) out.push_back(PetitionFrom(row));
    return out;
}

std::optional<Blob> OptBlob(const Value& value) {
    if (value.IsNull()) return std::nullopt;
    return value.AsBlob();
}

// Appends `WHERE ...` for a filter, numbering parameters after those already in `params`.
class Where {
public:
    explicit Where(Params& params) : params_(params) {}

    void Add(const std::string& condition_with_placeholder, Value value) {
        std::string condition = condition_with_placeholder;
        std::string placeholder = "$" + std::to_string(params_.size() + 1);
        for (auto at = condition.find('?'); at != std::string::npos; at = condition.find('?')) {
            condition.replace(at, 1, placeholder);
        }
        params_.push_back(std::move(value));
        Append(condition);
    }

    void Append(const std::string& condition) {
        sql_ += sql_.empty() ? " WHERE " : " AND ";
        sql_ += condition;
    }

    // `column IN ($n, $n+1, ...)`, one parameter per value. Precondition: values not empty.
    void AddIn(const std::string& column, const std::vector<std::string>& values) {
        std::string in;
        for (const auto& value : values) {
            params_.push_back(value);
            in += (in.empty() ? "$" : ", $") + std::to_string(params_.size());
        }
        Append(column + " IN (" + in + ")");
    }

    const std::string& sql() const { return sql_; }

private:
    Params& params_;
    std::string sql_;
};

// How the bigram conditions of a search are written. SQLite cannot tell a bigram in one
// petition of ten thousand from one in nine of ten, so the store decides from token_stats
// (migration 10): the rarest token drives (`p.id IN` its postings) and the others are probed
// per candidate on the (token, petition_id) key, rarest first, so that most candidates fall at
// the first probe; when even the rarest is common, every token is a probe, so that a page
// sorted by an index stops after its rows instead of collecting every match.
struct TokenPlan {
    std::vector<std::string> tokens;  // rarest first
    std::vector<std::int64_t> postings;
    bool drive = true;
};

// Past this many postings a token is common: driving from it costs more than walking an index.
constexpr std::int64_t kRareTokenPostings = 5000;

TokenPlan PlanTokens(Transaction& tx, const std::vector<std::string>& tokens) {
    std::vector<std::string> distinct = tokens;
    std::sort(distinct.begin(), distinct.end());
    distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
    TokenPlan plan;
    if (distinct.empty()) return plan;
    Params params;
    Where where(params);
    where.AddIn("token", distinct);
    std::map<std::string, std::int64_t> known;
    for (const auto& row : tx.Query("SELECT token, n FROM token_stats" + where.sql(), params)) {
        known[row["token"].AsText()] = row["n"].AsInt();
    }
    std::vector<std::pair<std::int64_t, std::string>> counted;
    for (auto& token : distinct) counted.emplace_back(known[token], std::move(token));
    std::stable_sort(counted.begin(), counted.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& [n, token] : counted) {
        plan.tokens.push_back(std::move(token));
        plan.postings.push_back(n);
    }
    plan.drive = plan.postings.front() < kRareTokenPostings;
    return plan;
}

// Adds `delta` to the count of each token (sorted, distinct), a hundred to a statement.
void AdjustTokenStats(Transaction& tx, const std::vector<std::string>& tokens, int delta) {
    constexpr std::size_t kRowsPerStatement = 100;
    for (std::size_t first = 0; first < tokens.size(); first += kRowsPerStatement) {
        std::size_t n = std::min(kRowsPerStatement, tokens.size() - first);
        Params params{static_cast<std::int64_t>(delta)};
        std::string values;
        for (std::size_t i = 0; i < n; ++i) {
            params.push_back(tokens[first + i]);
            values += (i == 0 ? "($" : ", ($") + std::to_string(params.size()) + ", $1)";
        }
        tx.Exec("INSERT INTO token_stats (token, n) VALUES " + values +
                    " ON CONFLICT (token) DO UPDATE SET n = token_stats.n + excluded.n",
                params);
    }
}

const char* kTokenProbe =
    "EXISTS (SELECT 1 FROM petition_tokens t WHERE t.token = ? AND t.petition_id = p.id)";

std::string FilterSql(const PetitionFilter& f, Params& params, const TokenPlan& plan) {
    Where where(params);
    if (!f.statuses.empty()) where.AddIn("p.status", f.statuses);
    if (f.only_id) where.Add("p.id = ?", *f.only_id);
    if (f.region_id) where.Add("p.region_id = ?", *f.region_id);
    if (f.group_id) where.Add("p.group_id = ?", *f.group_id);
    if (f.leader_id) where.Add("p.leader_id = ?", *f.leader_id);
    if (f.open_supervision) {
        where.Append("p.id IN (SELECT petition_id FROM supervision_notices WHERE answer IS NULL)");
    }
    if (f.unit_id) {
        where.Add(
            "(p.assigned_unit_id = ? OR (p.assigned_unit_id IS NULL AND "
            "p.responsible_unit_id = ?))",
            *f.unit_id);
    }
    if (f.level) where.Add("p.level = ?", *f.level);
    if (f.source) where.Add("p.source = ?", *f.source);
    if (f.channel) where.Add("p.channel = ?", *f.channel);
    if (f.pollution_type) where.Add("p.pollution_type = ?", *f.pollution_type);
    for (const auto& flag : f.flags) where.Add("p.flags LIKE ?", "%," + flag + ",%");
    if (f.received_from) where.Add("p.received_at >= ?", *f.received_from);
    if (f.received_before) where.Add("p.received_at < ?", *f.received_before);
    if (f.due_before) where.Add("p.next_due < ?", *f.due_before);
    if (f.due_on_or_before) where.Add("p.next_due <= ?", *f.due_on_or_before);
    if (f.target_before) where.Add("p.unit_target < ?", *f.target_before);
    if (plan.drive && !plan.tokens.empty()) {
        // The other tokens are probed on the postings of the rarest, before any petition row is
        // read: only the petitions that have every token are looked up.
        std::string drive =
            "p.id IN (SELECT d.petition_id FROM petition_tokens d WHERE d.token = $";
        params.push_back(plan.tokens.front());
        drive += std::to_string(params.size());
        for (std::size_t i = 1; i < plan.tokens.size(); ++i) {
            params.push_back(plan.tokens[i]);
            drive += " AND EXISTS (SELECT 1 FROM petition_tokens t WHERE t.token = $" +
                     std::to_string(params.size()) + " AND t.petition_id = d.petition_id)";
        }
        where.Append(drive + ")");
    } else {
        for (const auto& token : plan.tokens) where.Add(kTokenProbe, token);
    }
    if (f.substring) {
        // The text is matched literally: a `%` or `_` typed by the user is not a wildcard.
        where.Add(
            "(p.summary LIKE ? ESCAPE '\\' OR p.demand LIKE ? ESCAPE '\\' OR "
            "p.location LIKE ? ESCAPE '\\' OR p.respondent LIKE ? ESCAPE '\\')",
            ContainsPattern(*f.substring));
    }
    if (f.scope_assigned_unit) where.Add("p.assigned_unit_id = ?", *f.scope_assigned_unit);
    if (f.scope_region_assigned) {
        where.Add("p.region_id = ?", *f.scope_region_assigned);
        where.Append("p.assigned_unit_id IS NOT NULL");
    }
    return where.sql();
}

std::string OrderSql(PetitionSort sort) {
    switch (sort) {
        case PetitionSort::kReceivedAsc:
            return " ORDER BY p.received_at, p.id";
        case PetitionSort::kCodeAsc:
            return " ORDER BY p.code";
        case PetitionSort::kCodeDesc:
            return " ORDER BY p.code DESC";
        case PetitionSort::kDueAsc:
            return " ORDER BY CASE WHEN p.next_due IS NULL THEN 1 ELSE 0 END, p.next_due, p.id";
        case PetitionSort::kDueDesc:
            return " ORDER BY CASE WHEN p.next_due IS NULL THEN 1 ELSE 0 END, p.next_due DESC, "
                   "p.id";
        case PetitionSort::kReceivedDesc:
            break;
    }
    return " ORDER BY p.received_at DESC, p.id DESC";
}

Params MutableParams(const PetitionRow& p) {
    return {p.status,
            JoinFlags(p.flags),
            p.accepted_at,
            p.reported_at,
            p.replied_at,
            p.review_requested_at,
            p.review_decided_at,
            p.rereview_requested_at,
            p.rereview_decided_at,
            p.decline_reason,
            p.forwarded_to,
            p.assigned_unit_id,
            p.assignment_requirements,
            p.unit_target,
            p.assigned_at,
            p.findings,
            p.extension_days,
            p.extension_reason,
            p.extension_by,
            p.extension_at,
            p.reply_content,
            p.reply_way,
            p.satisfaction,
            p.pauses_json,
            p.next_due,
            p.next_due_kind,
            p.last_step_at,
            p.updated_at};
}

}  // namespace

std::int64_t NextPetitionSequence(Transaction& tx, int year) {
    tx.Exec(
        "INSERT INTO petition_counters (year, last_seq) VALUES ($1, 0) ON CONFLICT (year) DO "
        "NOTHING",
        {year});
    return tx
        .Query(
            "UPDATE petition_counters SET last_seq = last_seq + 1 WHERE year = $1 "
            "RETURNING last_seq",
            {year})
        .front()["last_seq"]
        .AsInt();
}

std::int64_t InsertPetition(Transaction& tx, const PetitionRow& p) {
    Params params = {p.code,        p.version,      p.channel,        p.source,
                     p.level,       p.content_type, p.legal_category, p.pollution_type,
                     p.region_id,   p.group_id,     p.leader_id,      p.responsible_unit_id,
                     p.location,    p.respondent,   p.summary,        p.demand,
                     p.received_at, p.people_count, p.registered_by,  p.created_at};
    Params mutable_params = MutableParams(p);
    params.insert(params.end(), mutable_params.begin(), mutable_params.end());
    params.push_back(p.receiving_leader_id);
    return tx.InsertReturningId(
        "INSERT INTO petitions (code, version, channel, source, level, content_type, "
        "legal_category, pollution_type, region_id, group_id, leader_id, responsible_unit_id, "
        "location, respondent, summary, demand, received_at, people_count, registered_by, "
        "created_at, status, flags, accepted_at, reported_at, replied_at, review_requested_at, "
        "review_decided_at, rereview_requested_at, rereview_decided_at, decline_reason, "
        "forwarded_to, assigned_unit_id, assignment_requirements, unit_target, assigned_at, "
        "findings, extension_days, extension_reason, extension_by, extension_at, reply_content, "
        "reply_way, satisfaction, pauses, next_due, next_due_kind, last_step_at, updated_at, "
        "receiving_leader_id) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, "
        "$19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29, $30, $31, $32, $33, $34, $35, "
        "$36, $37, $38, $39, $40, $41, $42, $43, $44, $45, $46, $47, $48, $49) RETURNING id",
        params);
}

std::optional<PetitionRow> FindPetition(Transaction& tx, std::int64_t id) {
    Rows rows = tx.Query(SelectPetitions("WHERE p.id = $1", ""), {id});
    if (rows.empty()) return std::nullopt;
    return PetitionFrom(rows.front());
}

bool UpdatePetition(Transaction& tx, const PetitionRow& p) {
    Params params = MutableParams(p);
    params.push_back(p.id);
    params.push_back(p.version);
    return tx.Exec(
               "UPDATE petitions SET status = $1, flags = $2, accepted_at = $3, reported_at = $4, "
               "replied_at = $5, review_requested_at = $6, review_decided_at = $7, "
               "rereview_requested_at = $8, rereview_decided_at = $9, decline_reason = $10, "
               "forwarded_to = $11, assigned_unit_id = $12, assignment_requirements = $13, "
               "unit_target = $14, assigned_at = $15, findings = $16, extension_days = $17, "
               "extension_reason = $18, extension_by = $19, extension_at = $20, "
               "reply_content = $21, reply_way = $22, satisfaction = $23, pauses = $24, "
               "next_due = $25, next_due_kind = $26, last_step_at = $27, updated_at = $28, "
               "version = version + 1 WHERE id = $29 AND version = $30",
               params) == 1;
}

void UpdatePetitionClassification(Transaction& tx, const PetitionRow& p) {
    tx.Exec("UPDATE petitions SET content_type = $2, legal_category = $3, level = $4 WHERE id = $1",
            {p.id, p.content_type, p.legal_category, p.level});
}

void InsertPetitioner(Transaction& tx, std::int64_t petition_id, const PetitionerRow& r) {
    tx.Exec(
        "INSERT INTO petitioners (petition_id, position, representative, name_enc, "
        "id_number_enc, phone_enc, address_enc, name_masked, id_number_masked, phone_masked, "
        "address_masked, id_number_hash, phone_hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
        "$10, $11, $12, $13)",
        {petition_id, r.position, r.representative, r.name_enc, r.id_number_enc, r.phone_enc,
         r.address_enc, r.name_masked, r.id_number_masked, r.phone_masked, r.address_masked,
         r.id_number_hash, r.phone_hash});
}

std::vector<PetitionerRow> ListPetitioners(Transaction& tx, std::int64_t petition_id) {
    std::vector<PetitionerRow> out;
    for (const auto& row : tx.Query(
             "SELECT * FROM petitioners WHERE petition_id = $1 ORDER BY position", {petition_id})) {
        PetitionerRow r;
        r.id = row["id"].AsInt();
        r.position = static_cast<int>(row["position"].AsInt());
        r.representative = row["representative"].AsBool();
        r.name_enc = row["name_enc"].AsBlob();
        r.id_number_enc = OptBlob(row["id_number_enc"]);
        r.phone_enc = OptBlob(row["phone_enc"]);
        r.address_enc = OptBlob(row["address_enc"]);
        r.name_masked = row["name_masked"].AsText();
        r.id_number_masked = row["id_number_masked"].OptText();
        r.phone_masked = row["phone_masked"].OptText();
        r.address_masked = row["address_masked"].OptText();
        r.id_number_hash = row["id_number_hash"].OptText();
        r.phone_hash = row["phone_hash"].OptText();
        out.push_back(std::move(r));
    }
    return out;
}

void InsertEvent(Transaction& tx, std::int64_t petition_id, const EventRow& e) {
    tx.Exec(
        "INSERT INTO petition_events (petition_id, action, from_status, to_status, at, "
        "recorded_at, user_id, details) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        {petition_id, e.action, e.from_status, e.to_status, e.at, e.recorded_at, e.user_id,
         e.details_json});
}

std::vector<EventRow> ListEvents(Transaction& tx, std::int64_t petition_id) {
    std::vector<EventRow> out;
    Rows rows = tx.Query(
        "SELECT e.*, u.display_name AS user_name FROM petition_events e LEFT JOIN users u ON "
        "u.id = e.user_id WHERE e.petition_id = $1 ORDER BY e.at, e.id",
        {petition_id});
    for (const auto& row : rows) {
        EventRow e;
        e.id = row["id"].AsInt();
        e.action = row["action"].AsText();
        e.from_status = row["from_status"].OptText();
        e.to_status = row["to_status"].OptText();
        e.at = row["at"].AsInt();
        e.recorded_at = row["recorded_at"].AsInt();
        e.user_id = row["user_id"].OptInt();
        e.user_name = row["user_name"].OptText();
        e.details_json = row["details"].AsText();
        out.push_back(std::move(e));
    }
    return out;
}

void ReplaceSearchTokens(Transaction& tx, std::int64_t petition_id,
                         const std::vector<std::string>& given) {
    std::vector<std::string> tokens = given;
    std::sort(tokens.begin(), tokens.end());
    tokens.erase(std::unique(tokens.begin(), tokens.end()), tokens.end());
    std::vector<std::string> old;
    for (const auto& row :
         tx.Query("SELECT token FROM petition_tokens WHERE petition_id = $1", {petition_id})) {
        old.push_back(row["token"].AsText());
    }
    std::sort(old.begin(), old.end());
    std::vector<std::string> gone, added;
    std::set_difference(old.begin(), old.end(), tokens.begin(), tokens.end(),
                        std::back_inserter(gone));
    std::set_difference(tokens.begin(), tokens.end(), old.begin(), old.end(),
                        std::back_inserter(added));
    // token_stats in token order, so that two registrations on PostgreSQL lock its rows in the
    // same order and never deadlock.
    AdjustTokenStats(tx, gone, -1);
    AdjustTokenStats(tx, added, +1);
    if (old.empty() && tokens.empty()) return;
    tx.Exec("DELETE FROM petition_tokens WHERE petition_id = $1", {petition_id});
    // A petition has about eighty tokens: one statement per hundred rather than per token, since
    // on PostgreSQL each statement is a round trip (docs/benchmarks.md).
    constexpr std::size_t kRowsPerInsert = 100;
    for (std::size_t first = 0; first < tokens.size(); first += kRowsPerInsert) {
        std::size_t n = std::min(kRowsPerInsert, tokens.size() - first);
        std::string sql = "INSERT INTO petition_tokens (token, petition_id) VALUES ";
        Params params{petition_id};
        for (std::size_t i = 0; i < n; ++i) {
            sql += (i == 0 ? "($" : ", ($") + std::to_string(i + 2) + ", $1)";
            params.push_back(tokens[first + i]);
        }
        tx.Exec(sql + " ON CONFLICT DO NOTHING", params);
    }
}

void LinkPetitions(Transaction& tx, std::int64_t petition_id, std::int64_t linked_id) {
    tx.Exec(
        "INSERT INTO petition_links (petition_id, linked_id, created_at) VALUES ($1, $2, $3) "
        "ON CONFLICT DO NOTHING",
        {petition_id, linked_id, core::NowSeconds()});
}

std::vector<LinkRow> ListLinks(Transaction& tx, std::int64_t petition_id) {
    std::vector<LinkRow> out;
    Rows rows = tx.Query(
        "SELECT p.id, p.code, p.summary FROM (SELECT linked_id AS other FROM petition_links "
        "WHERE petition_id = $1 UNION SELECT petition_id FROM petition_links WHERE linked_id = $1) "
        "k JOIN petitions p ON p.id = k.other ORDER BY p.received_at, p.id",
        {petition_id});
    for (const auto& row : rows) {
        out.push_back({row["id"].AsInt(), row["code"].AsText(), row["summary"].AsText()});
    }
    return out;
}

namespace {

std::optional<std::int64_t> CountFromRollup(Transaction& tx, const PetitionFilter& filter);

// Whether a filter holds no condition at all.
bool IsEmpty(const PetitionFilter& f) {
    Params scratch;
    return f.tokens.empty() && FilterSql(f, scratch, {}).empty();
}

// The filter without the conditions petition_counts can answer: region, statuses, pollution
// type and received range.
PetitionFilter BeyondCounts(PetitionFilter f) {
    f.region_id.reset();
    f.statuses.clear();
    f.pollution_type.reset();
    f.received_from.reset();
    f.received_before.reset();
    return f;
}

// SQLite keeps no statistics of petitions, so for a list by region with a status or a pollution
// type it may walk petitions_region for the order and read the table for the rest: 144 ms for
// the 23 accepted noise complaints of a region at a million petitions. petition_counts knows
// which of the two filters is rarer; its index (migration 11) is named for SQLite. PostgreSQL
// plans from its own statistics.
std::string IndexHint(Transaction& tx, const PetitionFilter& f) {
    if (tx.engine() != Engine::kSqlite || !f.region_id) return "";
    bool by_status = !f.statuses.empty();
    bool by_type = f.pollution_type.has_value();
    if ((!by_status && !by_type) || !IsEmpty(BeyondCounts(f))) return "";
    if (by_status && by_type) {
        PetitionFilter status_only = f, type_only = f;
        status_only.pollution_type.reset();
        type_only.statuses.clear();
        auto with_status = CountFromRollup(tx, status_only);
        auto with_type = CountFromRollup(tx, type_only);
        if (!with_status || !with_type) return "";
        by_status = *with_status <= *with_type;
    }
    return by_status ? " INDEXED BY petitions_region_status"
                     : " INDEXED BY petitions_region_pollution";
}

std::vector<PetitionRow> ListPlanned(Transaction& tx, const PetitionFilter& filter,
                                     const TokenPlan& plan, PetitionSort sort, const Page& page) {
    Params params;
    // The page's ids are chosen on the narrow columns first; only its rows are read whole. A
    // search's candidates are sorted as (id, received_at), not as whole rows.
    std::string ids = "SELECT p.id FROM petitions p" + IndexHint(tx, filter) +
                      FilterSql(filter, params, plan) + OrderSql(sort);
    params.push_back(page.limit);
    ids += " LIMIT $" + std::to_string(params.size());
    params.push_back(page.offset);
    ids += " OFFSET $" + std::to_string(params.size());
    std::string sql = SelectPetitions("WHERE p.id IN (" + ids + ")", OrderSql(sort));
    return PetitionsFrom(tx.Query(sql, params));
}

// A one-token search and nothing else: the token's postings, from token_stats.
std::optional<std::int64_t> CountOneToken(Transaction& tx, const PetitionFilter& filter) {
    PetitionFilter rest = filter;
    rest.tokens.clear();
    if (!IsEmpty(rest)) return std::nullopt;
    std::vector<std::string> tokens = filter.tokens;
    std::sort(tokens.begin(), tokens.end());
    tokens.erase(std::unique(tokens.begin(), tokens.end()), tokens.end());
    if (tokens.size() != 1) return std::nullopt;
    Rows rows = tx.Query("SELECT n FROM token_stats WHERE token = $1", {tokens.front()});
    return rows.empty() ? 0 : rows.front()["n"].AsInt();
}

std::int64_t CountRows(Transaction& tx, const PetitionFilter& filter) {
    Params params;
    std::string sql = "SELECT COUNT(*) AS n FROM petitions p" + FilterSql(filter, params, {});
    return tx.Query(sql, params).front()["n"].AsInt();
}

// The total from petition_counts (migration 8) when the filter is only region, statuses,
// pollution type and a received range: the whole months of the range are summed from it and the
// days before the first and after the last whole month, if any, are counted on the indexes.
std::optional<std::int64_t> CountFromRollup(Transaction& tx, const PetitionFilter& filter) {
    if (!IsEmpty(BeyondCounts(filter))) return std::nullopt;

    std::optional<core::Date> first_month, end_month;  // whole months: [first, end)
    std::int64_t edges = 0;
    if (filter.received_from) {
        core::Date day = core::DateOf(*filter.received_from);
        bool whole = day.day() == 1 && core::StartOfDay(day) == *filter.received_from;
        first_month = whole ? day : core::Month::Of(day).Next().First();
    }
    if (filter.received_before) {
        core::Date day = core::DateOf(*filter.received_before);
        bool whole = day.day() == 1 && core::StartOfDay(day) == *filter.received_before;
        end_month = whole ? day : core::Month::Of(day).First();
    }
    if (first_month && end_month && !(*first_month < *end_month)) return std::nullopt;
    if (filter.received_from && core::StartOfDay(*first_month) != *filter.received_from) {
        PetitionFilter head = filter;
        head.received_before = core::StartOfDay(*first_month);
        edges += CountRows(tx, head);
    }
    if (filter.received_before && core::StartOfDay(*end_month) != *filter.received_before) {
        PetitionFilter tail = filter;
        tail.received_from = core::StartOfDay(*end_month);
        edges += CountRows(tx, tail);
    }

    Params params;
    Where where(params);
    if (filter.region_id) where.Add("region_id = ?", *filter.region_id);
    if (!filter.statuses.empty()) where.AddIn("status", filter.statuses);
    if (filter.pollution_type) where.Add("pollution_type = ?", *filter.pollution_type);
    if (first_month) where.Add("month >= ?", core::Month::Of(*first_month).ToString());
    if (end_month) where.Add("month < ?", core::Month::Of(*end_month).ToString());
    Rows rows =
        tx.Query("SELECT COALESCE(SUM(n), 0) AS n FROM petition_counts" + where.sql(), params);
    return rows.front()["n"].AsInt() + edges;
}

std::int64_t CountPlanned(Transaction& tx, const PetitionFilter& filter, TokenPlan plan) {
    if (auto total = CountFromRollup(tx, filter)) return *total;
    if (auto total = CountOneToken(tx, filter)) return *total;
    // A count needs every match, so the rarest token always drives it. A search with no other
    // condition is counted on the postings alone, without reading a petition.
    plan.drive = true;
    Params params;
    PetitionFilter others = filter;
    others.tokens.clear();
    if (!plan.tokens.empty() && IsEmpty(others)) {
        std::string sql = "SELECT COUNT(*) AS n FROM petition_tokens d WHERE d.token = $1";
        params.push_back(plan.tokens.front());
        for (std::size_t i = 1; i < plan.tokens.size(); ++i) {
            params.push_back(plan.tokens[i]);
            sql += " AND EXISTS (SELECT 1 FROM petition_tokens t WHERE t.token = $" +
                   std::to_string(params.size()) + " AND t.petition_id = d.petition_id)";
        }
        return tx.Query(sql, params).front()["n"].AsInt();
    }
    std::string sql = "SELECT COUNT(*) AS n FROM petitions p" + FilterSql(filter, params, plan);
    return tx.Query(sql, params).front()["n"].AsInt();
}

}  // namespace

std::vector<PetitionRow> ListPetitions(Transaction& tx, const PetitionFilter& filter,
                                       PetitionSort sort, const Page& page) {
    return ListPlanned(tx, filter, PlanTokens(tx, filter.tokens), sort, page);
}

PetitionPage ListPetitionPage(Transaction& tx, const PetitionFilter& filter, PetitionSort sort,
                              const Page& page) {
    TokenPlan plan = PlanTokens(tx, filter.tokens);
    if (!plan.drive || plan.tokens.empty()) {
        return {ListPlanned(tx, filter, plan, sort, page), CountPlanned(tx, filter, plan)};
    }
    // Every match is among the rarest token's postings: their ids in order, once.
    Params params;
    Rows ids = tx.Query(
        "SELECT p.id FROM petitions p" + FilterSql(filter, params, plan) + OrderSql(sort), params);
    PetitionPage out;
    out.total = static_cast<std::int64_t>(ids.size());
    Params chosen;
    std::string in;
    for (std::int64_t i = page.offset; i < out.total && i < page.offset + page.limit; ++i) {
        chosen.push_back(ids[static_cast<std::size_t>(i)][std::size_t{0}].AsInt());
        in += (in.empty() ? "$" : ", $") + std::to_string(chosen.size());
    }
    if (chosen.empty()) return out;
    out.rows = PetitionsFrom(
        tx.Query(SelectPetitions("WHERE p.id IN (" + in + ")", OrderSql(sort)), chosen));
    return out;
}

std::int64_t CountPetitions(Transaction& tx, const PetitionFilter& filter) {
    return CountPlanned(tx, filter, PlanTokens(tx, filter.tokens));
}

std::vector<PetitionRow> PetitionsOfPetitioner(Transaction& tx,
                                               const std::optional<std::string>& id_number_hash,
                                               const std::optional<std::string>& phone_hash,
                                               std::optional<std::int64_t> received_since,
                                               std::int64_t limit) {
    if (!id_number_hash && !phone_hash) return {};
    return PetitionsFrom(tx.Query(
        SelectPetitions("WHERE p.id IN (SELECT petition_id FROM petitioners WHERE "
                        "(CAST($1 AS TEXT) IS NOT NULL AND id_number_hash = CAST($1 AS TEXT)) OR "
                        "(CAST($2 AS TEXT) IS NOT NULL AND phone_hash = CAST($2 AS TEXT))) "
                        "AND p.received_at >= $3 ORDER BY p.received_at DESC, p.id DESC LIMIT $4",
                        " ORDER BY p.received_at DESC, p.id DESC"),
        {id_number_hash, phone_hash, received_since.value_or(0), limit}));
}

std::vector<PetitionRow> PetitionsAbout(Transaction& tx, const std::string& respondent,
                                        const std::string& location, std::int64_t received_since,
                                        std::int64_t limit) {
    return PetitionsFrom(tx.Query(
        SelectPetitions("WHERE p.respondent = $1 AND p.location = $2 AND p.received_at >= $3 "
                        "ORDER BY p.received_at DESC, p.id DESC LIMIT $4",
                        " ORDER BY p.received_at DESC, p.id DESC"),
        {respondent, location, received_since, limit}));
}

std::int64_t InsertNotice(Transaction& tx, std::int64_t petition_id, const NoticeRow& n) {
    return tx.InsertReturningId(
        "INSERT INTO supervision_notices (petition_id, content, deadline, issued_at, issued_by) "
        "VALUES ($1, $2, $3, $4, $5) RETURNING id",
        {petition_id, n.content, n.deadline, n.issued_at, n.issued_by});
}

std::vector<NoticeRow> ListNotices(Transaction& tx, std::int64_t petition_id) {
    std::vector<NoticeRow> out;
    Rows rows = tx.Query(
        "SELECT n.*, u.display_name AS issued_by_name FROM supervision_notices n LEFT JOIN users "
        "u ON u.id = n.issued_by WHERE n.petition_id = $1 ORDER BY n.id",
        {petition_id});
    for (const auto& row : rows) {
        NoticeRow n;
        n.id = row["id"].AsInt();
        n.content = row["content"].AsText();
        n.deadline = row["deadline"].OptText();
        n.issued_at = row["issued_at"].AsInt();
        n.issued_by = row["issued_by"].OptInt();
        n.issued_by_name = row["issued_by_name"].OptText();
        n.answer = row["answer"].OptText();
        n.answered_at = row["answered_at"].OptInt();
        out.push_back(std::move(n));
    }
    return out;
}

void AnswerNotice(Transaction& tx, std::int64_t notice_id, const std::string& answer,
                  std::int64_t at, std::int64_t user_id) {
    tx.Exec(
        "UPDATE supervision_notices SET answer = $2, answered_at = $3, answered_by = $4 "
        "WHERE id = $1",
        {notice_id, answer, at, user_id});
}

std::int64_t InsertInspection(Transaction& tx, const InspectionRow& row) {
    std::int64_t id = tx.InsertReturningId(
        "INSERT INTO inspections (petition_id, inspected_on, participants, findings, created_at, "
        "created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        {row.petition_id, row.inspected_on, row.participants, row.findings, row.created_at,
         row.created_by});
    int position = 0;
    for (const auto& r : row.requirements) {
        tx.Exec(
            "INSERT INTO inspection_requirements (inspection_id, position, content, deadline) "
            "VALUES ($1, $2, $3, $4)",
            {id, position++, r.content, r.deadline});
    }
    return id;
}

namespace {

std::vector<InspectionRow> InspectionsFrom(Transaction& tx, const Rows& rows) {
    std::vector<InspectionRow> out;
    for (const auto& row : rows) {
        InspectionRow i;
        i.id = row["id"].AsInt();
        i.petition_id = row["petition_id"].AsInt();
        i.inspected_on = row["inspected_on"].AsText();
        i.participants = row["participants"].AsText();
        i.findings = row["findings"].AsText();
        i.created_at = row["created_at"].AsInt();
        i.created_by = row["created_by"].OptInt();
        i.created_by_name = row["created_by_name"].OptText();
        for (const auto& r : tx.Query("SELECT * FROM inspection_requirements WHERE "
                                      "inspection_id = $1 ORDER BY position",
                                      {i.id})) {
            RequirementRow req;
            req.id = r["id"].AsInt();
            req.content = r["content"].AsText();
            req.deadline = r["deadline"].AsText();
            if (!r["met"].IsNull()) req.met = r["met"].AsBool();
            req.followed_up_on = r["followed_up_on"].OptText();
            req.followup_note = r["followup_note"].OptText();
            i.requirements.push_back(std::move(req));
        }
        out.push_back(std::move(i));
    }
    return out;
}

const char* kSelectInspections =
    "SELECT i.*, u.display_name AS created_by_name FROM inspections i LEFT JOIN users u ON "
    "u.id = i.created_by ";

}  // namespace

std::vector<InspectionRow> ListInspections(Transaction& tx, std::int64_t petition_id) {
    return InspectionsFrom(
        tx, tx.Query(std::string(kSelectInspections) + "WHERE i.petition_id = $1 ORDER BY i.id",
                     {petition_id}));
}

std::optional<InspectionRow> FindInspection(Transaction& tx, std::int64_t id) {
    auto found =
        InspectionsFrom(tx, tx.Query(std::string(kSelectInspections) + "WHERE i.id = $1", {id}));
    if (found.empty()) return std::nullopt;
    return found.front();
}

void RecordFollowUp(Transaction& tx, std::int64_t requirement_id, bool met,
                    const std::string& followed_up_on, const std::string& note) {
    tx.Exec(
        "UPDATE inspection_requirements SET met = $2, followed_up_on = $3, followup_note = $4 "
        "WHERE id = $1",
        {requirement_id, met, followed_up_on, note});
}

std::int64_t InsertAttachment(Transaction& tx, const AttachmentRow& a,
                              std::optional<std::int64_t> user_id) {
    return tx.InsertReturningId(
        "INSERT INTO attachments (petition_id, filename, content_type, size, sha256, uploaded_at, "
        "uploaded_by) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        {a.petition_id, a.filename, a.content_type, a.size, a.sha256, a.uploaded_at, user_id});
}

namespace {

AttachmentRow AttachmentFrom(const Rows::Row& row) {
    AttachmentRow a;
    a.id = row["id"].AsInt();
    a.petition_id = row["petition_id"].AsInt();
    a.filename = row["filename"].AsText();
    a.content_type = row["content_type"].AsText();
    a.size = row["size"].AsInt();
    a.sha256 = row["sha256"].AsText();
    a.uploaded_at = row["uploaded_at"].AsInt();
    return a;
}

}  // namespace

std::vector<AttachmentRow> ListAttachments(Transaction& tx, std::int64_t petition_id) {
    std::vector<AttachmentRow> out;
    for (const auto& row :
         tx.Query("SELECT * FROM attachments WHERE petition_id = $1 ORDER BY id", {petition_id})) {
        out.push_back(AttachmentFrom(row));
    }
    return out;
}

std::optional<AttachmentRow> FindAttachment(Transaction& tx, std::int64_t id) {
    Rows rows = tx.Query("SELECT * FROM attachments WHERE id = $1", {id});
    if (rows.empty()) return std::nullopt;
    return AttachmentFrom(rows.front());
}

}  // namespace xinfang::store
