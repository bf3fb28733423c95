#pragma once

// Reception days, their bookings and invitations (issue #4), inside the caller's transaction.
// Citizens' names and phones arrive encrypted and masked, as for petitioners.

#include <optional>
#include <string>
#include <vector>

#include "core/org.h"
#include "store/database.h"

namespace xinfang::store {

struct ReceptionDayRow {
    std::int64_t id = 0;
    std::string date;  // YYYY-MM-DD
    std::string start_time = "08:30";
    std::string end_time = "11:30";
    std::string place;
    std::string phone;
    int capacity = 20;
    bool published = false;
    bool hand_made = false;
    std::optional<std::string> moved_from;
    std::optional<std::string> note;
    std::vector<core::NamedRef> leaders;
    int booked = 0;  // active bookings (booked, confirmed, attended)
};

// Days whose date lies in [from, to] (YYYY-MM-DD, inclusive), by date.
std::vector<ReceptionDayRow> ListReceptionDays(Transaction& tx, const std::string& from,
                                               const std::string& to, bool published_only);
std::optional<ReceptionDayRow> FindReceptionDay(Transaction& tx, std::int64_t id);
// Holds the day's row until the transaction ends, so that two bookings racing for its last
// place are counted one after the other (PostgreSQL; SQLite writers are serialised anyway).
void LockReceptionDay(Transaction& tx, std::int64_t id);
std::int64_t InsertReceptionDay(Transaction& tx, const ReceptionDayRow& row);
void UpdateReceptionDay(Transaction& tx, const ReceptionDayRow& row);
// Whether active bookings (booked, confirmed, attended) or invitations point at the day; a
// cancelled or no-show booking does not hold it.
bool ReceptionDayIsReferenced(Transaction& tx, std::int64_t id);
// Removes a day and the inactive bookings left on it; the caller has checked that nothing
// references it (ReceptionDayIsReferenced).
void DeleteReceptionDay(Transaction& tx, std::int64_t id);

std::optional<std::string> GetSetting(Transaction& tx, const std::string& name);
void PutSetting(Transaction& tx, const std::string& name, const std::string& value);

struct AppointmentRow {
    std::int64_t id = 0;
    std::string code;
    std::int64_t reception_day_id = 0;
    std::string status = "booked";
    Blob name_enc, phone_enc;
    std::string name_masked, phone_masked, phone_hash, lookup_hash;
    std::string region, topic;
    std::optional<std::int64_t> petition_id;
    std::int64_t created_at = 0;
    std::int64_t updated_at = 0;
};

std::int64_t InsertAppointment(Transaction& tx, const AppointmentRow& row);
std::optional<AppointmentRow> FindAppointment(Transaction& tx, std::int64_t id);
std::optional<AppointmentRow> FindAppointmentByCode(Transaction& tx, const std::string& code);
std::vector<AppointmentRow> ListAppointmentsOfDay(Transaction& tx, std::int64_t day_id);
// A person's bookings across days and years, newest first, by the keyed hash of the phone.
std::vector<AppointmentRow> AppointmentsOfPhone(Transaction& tx, const std::string& phone_hash,
                                                std::size_t limit);
void UpdateAppointment(Transaction& tx, const AppointmentRow& row);
// Active bookings of a day, and whether one phone already holds one.
int CountActiveAppointments(Transaction& tx, std::int64_t day_id);
bool PhoneHasActiveAppointment(Transaction& tx, std::int64_t day_id, const std::string& phone_hash);

struct InvitationRow {
    std::int64_t id = 0;
    std::int64_t leader_id = 0;
    std::string leader_name;
    std::optional<std::int64_t> petition_id;
    std::optional<std::string> petition_code;
    Blob petitioner_name_enc;
    std::string petitioner_name_masked;
    std::optional<Blob> phone_enc;
    std::optional<std::string> phone_masked;
    std::optional<std::int64_t> reception_day_id;
    std::optional<std::string> reception_date;
    std::optional<std::int64_t> scheduled_at;
    std::optional<std::string> place, note;
    std::string status = "invited";
    std::optional<std::string> answer;
    std::optional<std::int64_t> created_by;
    std::int64_t created_at = 0;
    std::int64_t updated_at = 0;
    // The petition the desk registered from this invitation, once it has.
    std::optional<std::int64_t> registered_petition_id;
    std::optional<std::string> registered_petition_code;
};

std::vector<InvitationRow> ListInvitations(Transaction& tx);
std::optional<InvitationRow> FindInvitation(Transaction& tx, std::int64_t id);
std::int64_t InsertInvitation(Transaction& tx, const InvitationRow& row);
void UpdateInvitation(Transaction& tx, const InvitationRow& row);

// Online complaints: the tracking code of a petition and the keyed hash that pairs it with the
// complainant's phone digits.
void SetPetitionTracking(Transaction& tx, std::int64_t petition_id, const std::string& code,
                         const std::string& hash);
struct TrackingMatch {
    std::int64_t petition_id;
    std::string hash;
};
std::optional<TrackingMatch> FindPetitionByTracking(Transaction& tx, const std::string& code);

}  // namespace xinfang::store
