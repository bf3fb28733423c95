#include "store/reception_store.h"

#include "core/date.h"

namespace xinfang::store {
namespace {

const char* kActive = "('booked', 'confirmed', 'attended')";

std::vector<ReceptionDayRow> DaysFrom(Transaction& tx, const Rows& rows) {
    std::vector<ReceptionDayRow> out;
    for (const auto& row : rows) {
        ReceptionDayRow d;
        d.id = row["id"].AsInt();
        d.date = row["date"].AsText();
        d.start_time = row["start_time"].AsText();
        d.end_time = row["end_time"].AsText();
        d.place = row["place"].AsText();
        d.phone = row["phone"].AsText();
        d.capacity = static_cast<int>(row["capacity"].AsInt());
        d.published = row["published"].AsBool();
        d.hand_made = row["hand_made"].AsBool();
        d.moved_from = row["moved_from"].OptText();
        d.note = row["note"].OptText();
        d.booked = static_cast<int>(row["booked"].AsInt());
        for (const auto& l : tx.Query("SELECT l.id, l.name FROM reception_day_leaders dl JOIN "
                                      "leaders l ON l.id = dl.leader_id WHERE dl.day_id = $1 "
                                      "ORDER BY dl.position",
                                      {d.id})) {
            d.leaders.push_back({l["id"].AsInt(), l["name"].AsText()});
        }
        out.push_back(std::move(d));
    }
    return out;
}

std::string SelectDays() {
    return std::string(
               "SELECT d.*, (SELECT COUNT(*) FROM appointments a WHERE a.reception_day_id = d.id "
               "AND a.status IN ") +
           kActive + ") AS booked FROM reception_days d ";
}

void ReplaceLeaders(Transaction& tx, const ReceptionDayRow& row) {
    tx.Exec("DELETE FROM reception_day_leaders WHERE day_id = $1", {row.id});
    int position = 0;
    for (const auto& leader : row.leaders) {
        tx.Exec("INSERT INTO reception_day_leaders (day_id, leader_id, position) VALUES ($1, $2, $3)",
                {row.id, leader.id, position++});
    }
}

AppointmentRow AppointmentFrom(const Rows::Row& row) {
    AppointmentRow a;
    a.id = row["id"].AsInt();
    a.code = row["code"].AsText();
    a.reception_day_id = row["reception_day_id"].AsInt();
    a.status = row["status"].AsText();
    a.name_enc = row["name_enc"].AsBlob();
    a.phone_enc = row["phone_enc"].AsBlob();
    a.name_masked = row["name_masked"].AsText();
    a.phone_masked = row["phone_masked"].AsText();
    a.phone_hash = row["phone_hash"].AsText();
    a.lookup_hash = row["lookup_hash"].AsText();
    a.region = row["region"].AsText();
    a.topic = row["topic"].AsText();
    a.petition_id = row["petition_id"].OptInt();
    a.created_at = row["created_at"].AsInt();
    a.updated_at = row["updated_at"].AsInt();
    return a;
}

std::optional<AppointmentRow> FirstAppointment(const Rows& rows) {
    if (rows.empty()) return std::nullopt;
    return AppointmentFrom(rows.front());
}

const char* kSelectInvitations = R"sql(
SELECT i.*, l.name AS leader_name, p.code AS petition_code, d.date AS reception_date,
       r.code AS registered_petition_code
FROM invitations i JOIN leaders l ON l.id = i.leader_id
LEFT JOIN petitions p ON p.id = i.petition_id
LEFT JOIN petitions r ON r.id = i.registered_petition_id
LEFT JOIN reception_days d ON d.id = i.reception_day_id
)sql";

std::optional<Blob> OptBlob(const Value& value) {
    if (value.IsNull()) return std::nullopt;
    return value.AsBlob();
}

InvitationRow InvitationFrom(const Rows::Row& row) {
    InvitationRow i;
    i.id = row["id"].AsInt();
    i.leader_id = row["leader_id"].AsInt();
    i.leader_name = row["leader_name"].AsText();
    i.petition_id = row["petition_id"].OptInt();
    i.petition_code = row["petition_code"].OptText();
    i.petitioner_name_enc = row["petitioner_name_enc"].AsBlob();
    i.petitioner_name_masked = row["petitioner_name_masked"].AsText();
    i.phone_enc = OptBlob(row["phone_enc"]);
    i.phone_masked = row["phone_masked"].OptText();
    i.reception_day_id = row["reception_day_id"].OptInt();
    i.reception_date = row["reception_date"].OptText();
    i.scheduled_at = row["scheduled_at"].OptInt();
    i.place = row["place"].OptText();
    i.note = row["note"].OptText();
    i.status = row["status"].AsText();
    i.answer = row["answer"].OptText();
    i.created_by = row["created_by"].OptInt();
    i.created_at = row["created_at"].AsInt();
    i.updated_at = row["updated_at"].AsInt();
    i.registered_petition_id = row["registered_petition_id"].OptInt();
    i.registered_petition_code = row["registered_petition_code"].OptText();
    return i;
}

}  // namespace

std::vector<ReceptionDayRow> ListReceptionDays(Transaction& tx, const std::string& from,
                                               const std::string& to, bool published_only) {
    std::string sql = SelectDays() + "WHERE d.date >= $1 AND d.date <= $2";
    if (published_only) sql += " AND d.published = 1";
    return DaysFrom(tx, tx.Query(sql + " ORDER BY d.date, d.id", {from, to}));
}

void LockReceptionDay(Transaction& tx, std::int64_t id) {
    tx.Exec("UPDATE reception_days SET updated_at = updated_at WHERE id = $1", {id});
}

std::optional<ReceptionDayRow> FindReceptionDay(Transaction& tx, std::int64_t id) {
    auto days = DaysFrom(tx, tx.Query(SelectDays() + "WHERE d.id = $1", {id}));
    if (days.empty()) return std::nullopt;
    return days.front();
}

std::int64_t InsertReceptionDay(Transaction& tx, const ReceptionDayRow& row) {
    std::int64_t now = core::NowSeconds();
    ReceptionDayRow stored = row;
    stored.id = tx.InsertReturningId(
        "INSERT INTO reception_days (date, start_time, end_time, place, phone, capacity, "
        "published, hand_made, moved_from, note, created_at, updated_at) VALUES ($1, $2, $3, $4, "
        "$5, $6, $7, $8, $9, $10, $11, $11) RETURNING id",
        {row.date, row.start_time, row.end_time, row.place, row.phone, row.capacity, row.published,
         row.hand_made, row.moved_from, row.note, now});
    ReplaceLeaders(tx, stored);
    return stored.id;
}

void UpdateReceptionDay(Transaction& tx, const ReceptionDayRow& row) {
    tx.Exec(
        "UPDATE reception_days SET date = $2, start_time = $3, end_time = $4, place = $5, "
        "phone = $6, capacity = $7, published = $8, hand_made = $9, moved_from = $10, note = $11, "
        "updated_at = $12 WHERE id = $1",
        {row.id, row.date, row.start_time, row.end_time, row.place, row.phone, row.capacity,
         row.published, row.hand_made, row.moved_from, row.note, core::NowSeconds()});
    ReplaceLeaders(tx, row);
}

bool ReceptionDayIsReferenced(Transaction& tx, std::int64_t id) {
    Rows rows = tx.Query(std::string("SELECT (SELECT COUNT(*) FROM appointments WHERE "
                                     "reception_day_id = $1 AND status IN ") +
                             kActive +
                             ") + (SELECT COUNT(*) FROM invitations WHERE reception_day_id = $1) "
                             "AS n",
                         {id});
    return rows.front()["n"].AsInt() > 0;
}

void DeleteReceptionDay(Transaction& tx, std::int64_t id) {
    tx.Exec("DELETE FROM appointments WHERE reception_day_id = $1", {id});
    tx.Exec("DELETE FROM reception_day_leaders WHERE day_id = $1", {id});
    tx.Exec("DELETE FROM reception_days WHERE id = $1", {id});
}

std::optional<std::string> GetSetting(Transaction& tx, const std::string& name) {
    Rows rows = tx.Query("SELECT value FROM settings WHERE name = $1", {name});
    if (rows.empty()) return std::nullopt;
    return rows.front()["value"].AsText();
}

void PutSetting(Transaction& tx, const std::string& name, const std::string& value) {
    tx.Exec("INSERT INTO settings (name, value, updated_at) VALUES ($1, $2, $3) "
            "ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
            {name, value, core::NowSeconds()});
}

std::int64_t InsertAppointment(Transaction& tx, const AppointmentRow& a) {
    return tx.InsertReturningId(
        "INSERT INTO appointments (code, reception_day_id, status, name_enc, phone_enc, "
        "name_masked, phone_masked, phone_hash, lookup_hash, region, topic, petition_id, "
        "created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, "
        "$13) RETURNING id",
        {a.code, a.reception_day_id, a.status, a.name_enc, a.phone_enc, a.name_masked,
         a.phone_masked, a.phone_hash, a.lookup_hash, a.region, a.topic, a.petition_id,
         a.created_at});
}

std::optional<AppointmentRow> FindAppointment(Transaction& tx, std::int64_t id) {
    return FirstAppointment(tx.Query("SELECT * FROM appointments WHERE id = $1", {id}));
}

std::optional<AppointmentRow> FindAppointmentByCode(Transaction& tx, const std::string& code) {
    return FirstAppointment(tx.Query("SELECT * FROM appointments WHERE code = $1", {code}));
}

std::vector<AppointmentRow> ListAppointmentsOfDay(Transaction& tx, std::int64_t day_id) {
    std::vector<AppointmentRow> out;
    for (const auto& row : tx.Query("SELECT * FROM appointments WHERE reception_day_id = $1 "
                                    "ORDER BY created_at, id",
                                    {day_id})) {
        out.push_back(AppointmentFrom(row));
    }
    return out;
}

std::vector<AppointmentRow> AppointmentsOfPhone(Transaction& tx, const std::string& phone_hash,
                                                std::size_t limit) {
    std::vector<AppointmentRow> out;
    for (const auto& row : tx.Query("SELECT * FROM appointments WHERE phone_hash = $1 "
                                    "ORDER BY created_at DESC, id DESC LIMIT $2",
                                    {phone_hash, static_cast<std::int64_t>(limit)})) {
        out.push_back(AppointmentFrom(row));
    }
    return out;
}

void UpdateAppointment(Transaction& tx, const AppointmentRow& a) {
    tx.Exec("UPDATE appointments SET reception_day_id = $2, status = $3, petition_id = $4, "
            "updated_at = $5 WHERE id = $1",
            {a.id, a.reception_day_id, a.status, a.petition_id, core::NowSeconds()});
}

int CountActiveAppointments(Transaction& tx, std::int64_t day_id) {
    Rows rows = tx.Query(std::string("SELECT COUNT(*) AS n FROM appointments WHERE "
                                     "reception_day_id = $1 AND status IN ") + kActive,
                         {day_id});
    return static_cast<int>(rows.front()["n"].AsInt());
}

bool PhoneHasActiveAppointment(Transaction& tx, std::int64_t day_id, const std::string& phone_hash) {
    Rows rows = tx.Query(std::string("SELECT COUNT(*) AS n FROM appointments WHERE "
                                     "reception_day_id = $1 AND phone_hash = $2 AND status IN ") +
                             kActive,
                         {day_id, phone_hash});
    return rows.front()["n"].AsInt() > 0;
}

std::vector<InvitationRow> ListInvitations(Transaction& tx) {
    std::vector<InvitationRow> out;
    for (const auto& row : tx.Query(std::string(kSelectInvitations) + " ORDER BY i.id DESC")) {
        out.push_back(InvitationFrom(row));
    }
    return out;
}

std::optional<InvitationRow> FindInvitation(Transaction& tx, std::int64_t id) {
    Rows rows = tx.Query(std::string(kSelectInvitations) + " WHERE i.id = $1", {id});
    if (rows.empty()) return std::nullopt;
    return InvitationFrom(rows.front());
}

std::int64_t InsertInvitation(Transaction& tx, const InvitationRow& i) {
    return tx.InsertReturningId(
        "INSERT INTO invitations (leader_id, petition_id, petitioner_name_enc, "
        "petitioner_name_masked, phone_enc, phone_masked, reception_day_id, scheduled_at, place, "
        "note, status, answer, created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, "
        "$6, $7, $8, $9, $10, $11, $12, $13, $14, $14) RETURNING id",
        {i.leader_id, i.petition_id, i.petitioner_name_enc, i.petitioner_name_masked, i.phone_enc,
         i.phone_masked, i.reception_day_id, i.scheduled_at, i.place, i.note, i.status, i.answer,
         i.created_by, i.created_at});
}

void UpdateInvitation(Transaction& tx, const InvitationRow& i) {
    tx.Exec(
        "UPDATE invitations SET status = $2, answer = $3, reception_day_id = $4, "
        "scheduled_at = $5, place = $6, note = $7, registered_petition_id = $8, "
        "updated_at = $9 WHERE id = $1",
        {i.id, i.status, i.answer, i.reception_day_id, i.scheduled_at, i.place, i.note,
         i.registered_petition_id, core::NowSeconds()});
}

void SetPetitionTracking(Transaction& tx, std::int64_t petition_id, const std::string& code,
                         const std::string& hash) {
    tx.Exec("UPDATE petitions SET tracking_code = $2, tracking_hash = $3 WHERE id = $1",
            {petition_id, code, hash});
}

std::optional<TrackingMatch> FindPetitionByTracking(Transaction& tx, const std::string& code) {
    Rows rows = tx.Query("SELECT id, tracking_hash FROM petitions WHERE tracking_code = $1", {code});
    if (rows.empty()) return std::nullopt;
    return TrackingMatch{rows.front()["id"].AsInt(), rows.front()["tracking_hash"].AsText()};
}

}  // namespace xinfang::store
