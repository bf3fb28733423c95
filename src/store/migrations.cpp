#include "store/migrations.h"

#include "core/date.h"

namespace xinfang::store {
namespace {

const char* kMigration1Organisation = R"sql(
CREATE TABLE regions (
    id {ID},
    name TEXT NOT NULL UNIQUE,
    sort_order INTEGER NOT NULL DEFAULT 0,
    active INTEGER NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE TABLE units (
    id {ID},
    name TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    region_id BIGINT REFERENCES regions(id),
    sort_order INTEGER NOT NULL DEFAULT 0,
    active INTEGER NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE TABLE leaders (
    id {ID},
    name TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL DEFAULT '',
    group_role TEXT,
    sort_order INTEGER NOT NULL DEFAULT 0,
    active INTEGER NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE TABLE case_groups (
    id {ID},
    number INTEGER NOT NULL UNIQUE,
    name TEXT NOT NULL UNIQUE,
    leader_id BIGINT NOT NULL REFERENCES leaders(id),
    unit_id BIGINT NOT NULL REFERENCES units(id),
    active INTEGER NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE TABLE group_regions (
    group_id BIGINT NOT NULL REFERENCES case_groups(id),
    region_id BIGINT NOT NULL REFERENCES regions(id),
    PRIMARY KEY (group_id, region_id)
);
CREATE INDEX group_regions_region ON group_regions(region_id);
CREATE TABLE users (
    id {ID},
    username TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL,
    unit_id BIGINT REFERENCES units(id),
    leader_id BIGINT REFERENCES leaders(id),
    password_hash TEXT NOT NULL,
    active INTEGER NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    last_login_at BIGINT
);
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id),
    csrf_token TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);
CREATE TABLE audit_log (
    id {ID},
    at BIGINT NOT NULL,
    user_id BIGINT,
    username TEXT NOT NULL,
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id BIGINT,
    changes TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);
CREATE TABLE audit_chain (
    id INTEGER PRIMARY KEY,
    seq BIGINT NOT NULL,
    last_hash TEXT NOT NULL
);
INSERT INTO audit_chain (id, seq, last_hash) VALUES (1, 0, '');
)sql";

// The audit log is append-only at the database too, so that a mistake in our own code cannot
// rewrite history.
const char* kMigration1SqliteTriggers = R"sql(
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
)sql";

const char* kMigration1PostgresTriggers = R"sql(
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$;
CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
)sql";

// Petitions (issue #3). Personal data of petitioners is stored only encrypted (the *_enc
// columns), with masked copies for lists and keyed hashes for exact lookups. Due dates are
// stored so that lists can filter and sort by them; whether one is overdue is computed from the
// clock at query time, never stored.
const char* kMigration2Petitions = R"sql(
CREATE TABLE petition_counters (
    year INTEGER PRIMARY KEY,
    last_seq BIGINT NOT NULL
);
CREATE TABLE petitions (
    id {ID},
    code TEXT NOT NULL UNIQUE,
    status TEXT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1,
    channel TEXT NOT NULL,
    source TEXT NOT NULL,
    level TEXT NOT NULL,
    content_type TEXT NOT NULL,
    legal_category TEXT NOT NULL,
    pollution_type TEXT NOT NULL,
    region_id BIGINT NOT NULL REFERENCES regions(id),
    group_id BIGINT REFERENCES case_groups(id),
    leader_id BIGINT REFERENCES leaders(id),
    responsible_unit_id BIGINT REFERENCES units(id),
    location TEXT NOT NULL,
    respondent TEXT NOT NULL,
    summary TEXT NOT NULL,
    demand TEXT NOT NULL,
    received_at BIGINT NOT NULL,
    people_count INTEGER NOT NULL,
    flags TEXT NOT NULL,
    accepted_at BIGINT,
    reported_at BIGINT,
    replied_at BIGINT,
    review_requested_at BIGINT,
    review_decided_at BIGINT,
    rereview_requested_at BIGINT,
    rereview_decided_at BIGINT,
    decline_reason TEXT,
    forwarded_to TEXT,
    assigned_unit_id BIGINT REFERENCES units(id),
    assignment_requirements TEXT,
    unit_target TEXT,
    assigned_at BIGINT,
    findings TEXT,
    extension_days INTEGER NOT NULL DEFAULT 0,
    extension_reason TEXT,
    extension_by BIGINT REFERENCES users(id),
    extension_at BIGINT,
    reply_content TEXT,
    reply_way TEXT,
    satisfaction TEXT,
    pauses TEXT NOT NULL,
    next_due TEXT,
    next_due_kind TEXT,
    last_step_at BIGINT NOT NULL,
    registered_by BIGINT REFERENCES users(id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX petitions_received ON petitions(received_at);
CREATE INDEX petitions_status ON petitions(status, received_at);
CREATE INDEX petitions_region ON petitions(region_id, received_at);
CREATE INDEX petitions_assigned_unit ON petitions(assigned_unit_id, received_at);
CREATE INDEX petitions_next_due ON petitions(next_due);
CREATE INDEX petitions_respondent ON petitions(respondent, location);
CREATE TABLE petitioners (
    id {ID},
    petition_id BIGINT NOT NULL REFERENCES petitions(id),
    position INTEGER NOT NULL,
    representative INTEGER NOT NULL,
    name_enc {BLOB} NOT NULL,
    id_number_enc {BLOB},
    phone_enc {BLOB},
    address_enc {BLOB},
    name_masked TEXT NOT NULL,
    id_number_masked TEXT,
    phone_masked TEXT,
    address_masked TEXT,
    id_number_hash TEXT,
    phone_hash TEXT
);
CREATE INDEX petitioners_petition ON petitioners(petition_id);
CREATE INDEX petitioners_id_number ON petitioners(id_number_hash);
CREATE INDEX petitioners_phone ON petitioners(phone_hash);
CREATE TABLE petition_events (
    id {ID},
    petition_id BIGINT NOT NULL REFERENCES petitions(id),
    action TEXT NOT NULL,
    from_status TEXT,
    to_status TEXT,
    at BIGINT NOT NULL,
    recorded_at BIGINT NOT NULL,
    user_id BIGINT REFERENCES users(id),
    details TEXT NOT NULL
);
CREATE INDEX petition_events_petition ON petition_events(petition_id, id);
CREATE TABLE petition_links (
    petition_id BIGINT NOT NULL REFERENCES petitions(id),
    linked_id BIGINT NOT NULL REFERENCES petitions(id),
    created_at BIGINT NOT NULL,
    PRIMARY KEY (petition_id, linked_id)
);
CREATE TABLE petition_tokens (
    token TEXT NOT NULL,
    petition_id BIGINT NOT NULL REFERENCES petitions(id),
    PRIMARY KEY (token, petition_id)
);
CREATE INDEX petition_tokens_petition ON petition_tokens(petition_id);
CREATE TABLE supervision_notices (
    id {ID},
    petition_id BIGINT NOT NULL REFERENCES petitions(id),
    content TEXT NOT NULL,
    deadline TEXT,
    issued_at BIGINT NOT NULL,
    issued_by BIGINT REFERENCES users(id),
    answer TEXT,
    answered_at BIGINT,
    answered_by BIGINT REFERENCES users(id)
);
CREATE INDEX supervision_notices_petition ON supervision_notices(petition_id);
CREATE TABLE inspections (
    id {ID},
    petition_id BIGINT NOT NULL REFERENCES petitions(id),
    inspected_on TEXT NOT NULL,
    participants TEXT NOT NULL,
    findings TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    created_by BIGINT REFERENCES users(id)
);
CREATE INDEX inspections_petition ON inspections(petition_id);
CREATE TABLE inspection_requirements (
    id {ID},
    inspection_id BIGINT NOT NULL REFERENCES inspections(id),
    position INTEGER NOT NULL,
    content TEXT NOT NULL,
    deadline TEXT NOT NULL,
    met INTEGER,
    followed_up_on TEXT,
    followup_note TEXT
);
CREATE INDEX inspection_requirements_inspection ON inspection_requirements(inspection_id);
CREATE TABLE attachments (
    id {ID},
    petition_id BIGINT NOT NULL REFERENCES petitions(id),
    filename TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    uploaded_at BIGINT NOT NULL,
    uploaded_by BIGINT REFERENCES users(id)
);
CREATE INDEX attachments_petition ON attachments(petition_id);
)sql";

// Reception days, bookings, invitations and online complaints (issue #4). Bookings hold the
// citizen's name and phone encrypted like petitioners; the last four digits of the phone are
// kept as a keyed hash with the booking code, so a lookup needs both.
const char* kMigration3Reception = R"sql(
CREATE TABLE reception_days (
    id {ID},
    date TEXT NOT NULL,
    start_time TEXT NOT NULL,
    end_time TEXT NOT NULL,
    place TEXT NOT NULL,
    phone TEXT NOT NULL,
    capacity INTEGER NOT NULL,
    published INTEGER NOT NULL DEFAULT 0,
    hand_made INTEGER NOT NULL DEFAULT 0,
    moved_from TEXT,
    note TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX reception_days_date ON reception_days(date);
CREATE TABLE reception_day_leaders (
    day_id BIGINT NOT NULL REFERENCES reception_days(id),
    leader_id BIGINT NOT NULL REFERENCES leaders(id),
    position INTEGER NOT NULL,
    PRIMARY KEY (day_id, leader_id)
);
CREATE TABLE settings (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE TABLE appointments (
    id {ID},
    code TEXT NOT NULL UNIQUE,
    reception_day_id BIGINT NOT NULL REFERENCES reception_days(id),
    status TEXT NOT NULL,
    name_enc {BLOB} NOT NULL,
    phone_enc {BLOB} NOT NULL,
    name_masked TEXT NOT NULL,
    phone_masked TEXT NOT NULL,
    phone_hash TEXT NOT NULL,
    lookup_hash TEXT NOT NULL,
    region TEXT NOT NULL,
    topic TEXT NOT NULL,
    petition_id BIGINT REFERENCES petitions(id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX appointments_day ON appointments(reception_day_id, status);
CREATE INDEX appointments_phone ON appointments(phone_hash);
CREATE TABLE invitations (
    id {ID},
    leader_id BIGINT NOT NULL REFERENCES leaders(id),
    petition_id BIGINT REFERENCES petitions(id),
    petitioner_name_enc {BLOB} NOT NULL,
    petitioner_name_masked TEXT NOT NULL,
    phone_enc {BLOB},
    phone_masked TEXT,
    reception_day_id BIGINT REFERENCES reception_days(id),
    scheduled_at BIGINT,
    place TEXT,
    note TEXT,
    status TEXT NOT NULL,
    answer TEXT,
    created_by BIGINT REFERENCES users(id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
ALTER TABLE petitions ADD COLUMN tracking_code TEXT;
ALTER TABLE petitions ADD COLUMN tracking_hash TEXT;
CREATE UNIQUE INDEX petitions_tracking ON petitions(tracking_code);
ALTER TABLE petitions ADD COLUMN receiving_leader_id BIGINT REFERENCES leaders(id);
)sql";

// Key cases owned by leaders, their one-case-one-file archive, field visits, monthly reports and
// escalation (issue 5). A key case's stage and owner level are stored; whether a group missed its
// monthly visit or a bureau its report is computed from the dates when asked, never stored.
// Minutes, reports and the closing report are Markdown text (rendered after sanitising).
const char* kMigration4KeyCases = R"sql(
CREATE TABLE key_cases (
    id {ID},
    seq INTEGER NOT NULL,
    region_id BIGINT NOT NULL REFERENCES regions(id),
    level TEXT NOT NULL,
    level_note TEXT NOT NULL DEFAULT '',
    location TEXT NOT NULL,
    situation TEXT NOT NULL,
    recommendation TEXT NOT NULL,
    leader_id BIGINT NOT NULL REFERENCES leaders(id),
    group_id BIGINT REFERENCES case_groups(id),
    owner_level TEXT NOT NULL,
    district_leader TEXT,
    stage TEXT NOT NULL,
    target_date TEXT,
    is_repeat INTEGER NOT NULL DEFAULT 0,
    level_skipping INTEGER NOT NULL DEFAULT 0,
    version BIGINT NOT NULL DEFAULT 1,
    closed_at BIGINT,
    created_by BIGINT REFERENCES users(id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX key_cases_region ON key_cases(region_id);
CREATE INDEX key_cases_leader ON key_cases(leader_id);
CREATE TABLE key_case_petitions (
    key_case_id BIGINT NOT NULL REFERENCES key_cases(id),
    petition_id BIGINT NOT NULL REFERENCES petitions(id),
    linked_at BIGINT NOT NULL,
    PRIMARY KEY (key_case_id, petition_id)
);
CREATE INDEX key_case_petitions_petition ON key_case_petitions(petition_id);
CREATE TABLE key_case_tasks (
    id {ID},
    key_case_id BIGINT NOT NULL REFERENCES key_cases(id),
    unit_id BIGINT NOT NULL REFERENCES units(id),
    content TEXT NOT NULL,
    deadline TEXT,
    done INTEGER NOT NULL DEFAULT 0,
    result TEXT,
    done_at BIGINT,
    created_at BIGINT NOT NULL
);
CREATE INDEX key_case_tasks_case ON key_case_tasks(key_case_id);
CREATE INDEX key_case_tasks_unit ON key_case_tasks(unit_id);
CREATE TABLE key_case_documents (
    id {ID},
    key_case_id BIGINT NOT NULL REFERENCES key_cases(id),
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    held_on TEXT,
    settlement TEXT,
    petitioner_stopped INTEGER,
    created_by BIGINT REFERENCES users(id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX key_case_documents_case ON key_case_documents(key_case_id, kind);
CREATE TABLE key_case_ledger (
    id {ID},
    key_case_id BIGINT NOT NULL REFERENCES key_cases(id),
    kind TEXT NOT NULL,
    on_date TEXT NOT NULL,
    summary TEXT NOT NULL,
    field_visit_id BIGINT,
    document_id BIGINT REFERENCES key_case_documents(id),
    petition_id BIGINT REFERENCES petitions(id),
    user_id BIGINT REFERENCES users(id),
    created_at BIGINT NOT NULL
);
CREATE INDEX key_case_ledger_case ON key_case_ledger(key_case_id, on_date);
CREATE TABLE key_case_attachments (
    id {ID},
    key_case_id BIGINT NOT NULL REFERENCES key_cases(id),
    document_id BIGINT REFERENCES key_case_documents(id),
    filename TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    uploaded_at BIGINT NOT NULL,
    uploaded_by BIGINT REFERENCES users(id)
);
CREATE INDEX key_case_attachments_case ON key_case_attachments(key_case_id);
CREATE TABLE key_case_escalations (
    id {ID},
    key_case_id BIGINT NOT NULL REFERENCES key_cases(id),
    from_level TEXT NOT NULL,
    to_level TEXT NOT NULL,
    reason TEXT NOT NULL,
    district_leader TEXT NOT NULL,
    report_id BIGINT REFERENCES key_case_documents(id),
    escalated_at BIGINT NOT NULL,
    escalated_by BIGINT REFERENCES users(id)
);
CREATE INDEX key_case_escalations_case ON key_case_escalations(key_case_id);
CREATE TABLE field_visits (
    id {ID},
    group_id BIGINT NOT NULL REFERENCES case_groups(id),
    leader_id BIGINT NOT NULL REFERENCES leaders(id),
    month TEXT NOT NULL,
    visit_on TEXT NOT NULL,
    status TEXT NOT NULL,
    participants TEXT NOT NULL,
    inspection_time TEXT NOT NULL DEFAULT '',
    findings TEXT NOT NULL DEFAULT '',
    version BIGINT NOT NULL DEFAULT 1,
    created_by BIGINT REFERENCES users(id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX field_visits_group_month ON field_visits(group_id, month);
CREATE INDEX field_visits_month ON field_visits(month);
CREATE TABLE field_visit_regions (
    visit_id BIGINT NOT NULL REFERENCES field_visits(id),
    region_id BIGINT NOT NULL REFERENCES regions(id),
    PRIMARY KEY (visit_id, region_id)
);
CREATE TABLE field_visit_matters (
    id {ID},
    visit_id BIGINT NOT NULL REFERENCES field_visits(id),
    key_case_id BIGINT REFERENCES key_cases(id),
    petition_id BIGINT REFERENCES petitions(id)
);
CREATE INDEX field_visit_matters_visit ON field_visit_matters(visit_id);
CREATE INDEX field_visit_matters_case ON field_visit_matters(key_case_id);
CREATE TABLE field_visit_requirements (
    id {ID},
    visit_id BIGINT NOT NULL REFERENCES field_visits(id),
    position INTEGER NOT NULL,
    content TEXT NOT NULL,
    deadline TEXT NOT NULL,
    key_case_id BIGINT REFERENCES key_cases(id),
    met INTEGER NOT NULL DEFAULT 0,
    met_on TEXT
);
CREATE INDEX field_visit_requirements_visit ON field_visit_requirements(visit_id);
CREATE TABLE requirement_follow_ups (
    id {ID},
    requirement_id BIGINT NOT NULL REFERENCES field_visit_requirements(id),
    followed_up_on TEXT NOT NULL,
    met INTEGER NOT NULL,
    note TEXT NOT NULL,
    user_id BIGINT REFERENCES users(id),
    created_at BIGINT NOT NULL
);
CREATE INDEX requirement_follow_ups_requirement ON requirement_follow_ups(requirement_id);
CREATE TABLE monthly_reports (
    id {ID},
    unit_id BIGINT NOT NULL REFERENCES units(id),
    month TEXT NOT NULL,
    due_on TEXT NOT NULL,
    body TEXT NOT NULL,
    status TEXT NOT NULL,
    submitted_on TEXT,
    submitted_at BIGINT,
    submitted_by BIGINT REFERENCES users(id),
    version BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (unit_id, month)
);
CREATE TABLE monthly_report_reminders (
    id {ID},
    unit_id BIGINT NOT NULL REFERENCES units(id),
    month TEXT NOT NULL,
    message TEXT NOT NULL,
    sent_at BIGINT NOT NULL,
    sent_by BIGINT REFERENCES users(id)
);
CREATE INDEX monthly_report_reminders_unit ON monthly_report_reminders(unit_id, month);
)sql";

// Speed at a million petitions (issue 7, docs/benchmarks.md).
//
// A petition's links were found with `petition_id = ? OR linked_id = ?`, a scan of every link
// for each detail page: linked_id gets an index of its own.
//
// petition_counts keeps how many petitions each (region, status, pollution type, month of
// receipt in China) holds, kept by triggers on petitions, so that a list's total over those
// filters is a sum of a few hundred rows instead of a count of tens of thousands of index
// entries (store::CountPetitions). It is filled here from the petitions already stored.
const char* kMigration8Counts = R"sql(
CREATE INDEX petition_links_linked ON petition_links(linked_id, petition_id);
CREATE TABLE petition_counts (
    region_id BIGINT NOT NULL,
    status TEXT NOT NULL,
    pollution_type TEXT NOT NULL,
    month TEXT NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (region_id, status, pollution_type, month)
);
CREATE INDEX petition_counts_status ON petition_counts(status, month);
)sql";

const char* kMigration8SqliteCounts = R"sql(
INSERT INTO petition_counts (region_id, status, pollution_type, month, n)
SELECT region_id, status, pollution_type, strftime('%Y-%m', received_at + 28800, 'unixepoch'),
       COUNT(*)
FROM petitions GROUP BY 1, 2, 3, 4;
CREATE TRIGGER petition_counts_insert AFTER INSERT ON petitions
BEGIN
    INSERT INTO petition_counts (region_id, status, pollution_type, month, n)
    VALUES (NEW.region_id, NEW.status, NEW.pollution_type,
            strftime('%Y-%m', NEW.received_at + 28800, 'unixepoch'), 1)
    ON CONFLICT (region_id, status, pollution_type, month) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER petition_counts_update
AFTER UPDATE OF region_id, status, pollution_type, received_at ON petitions
WHEN OLD.region_id <> NEW.region_id OR OLD.status <> NEW.status
  OR OLD.pollution_type <> NEW.pollution_type OR OLD.received_at <> NEW.received_at
BEGIN
    UPDATE petition_counts SET n = n - 1
    WHERE region_id = OLD.region_id AND status = OLD.status
      AND pollution_type = OLD.pollution_type
      AND month = strftime('%Y-%m', OLD.received_at + 28800, 'unixepoch');
    INSERT INTO petition_counts (region_id, status, pollution_type, month, n)
    VALUES (NEW.region_id, NEW.status, NEW.pollution_type,
            strftime('%Y-%m', NEW.received_at + 28800, 'unixepoch'), 1)
    ON CONFLICT (region_id, status, pollution_type, month) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER petition_counts_delete AFTER DELETE ON petitions
BEGIN
    UPDATE petition_counts SET n = n - 1
    WHERE region_id = OLD.region_id AND status = OLD.status
      AND pollution_type = OLD.pollution_type
      AND month = strftime('%Y-%m', OLD.received_at + 28800, 'unixepoch');
END;
)sql";

const char* kMigration8PostgresCounts = R"sql(
CREATE FUNCTION petition_month(received_at BIGINT) RETURNS TEXT LANGUAGE sql STABLE AS $$
    SELECT to_char(to_timestamp(received_at + 28800) AT TIME ZONE 'UTC', 'YYYY-MM') $$;
INSERT INTO petition_counts (region_id, status, pollution_type, month, n)
SELECT region_id, status, pollution_type, petition_month(received_at), COUNT(*)
FROM petitions GROUP BY 1, 2, 3, 4;
CREATE FUNCTION petition_counts_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE petition_counts SET n = n - 1
        WHERE region_id = OLD.region_id AND status = OLD.status
          AND pollution_type = OLD.pollution_type AND month = petition_month(OLD.received_at);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO petition_counts (region_id, status, pollution_type, month, n)
        VALUES (NEW.region_id, NEW.status, NEW.pollution_type, petition_month(NEW.received_at), 1)
        ON CONFLICT (region_id, status, pollution_type, month)
        DO UPDATE SET n = petition_counts.n + 1;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER petition_counts_insert_delete AFTER INSERT OR DELETE ON petitions
FOR EACH ROW EXECUTE FUNCTION petition_counts_apply();
CREATE TRIGGER petition_counts_update
AFTER UPDATE OF region_id, status, pollution_type, received_at ON petitions
FOR EACH ROW WHEN (OLD.region_id <> NEW.region_id OR OLD.status <> NEW.status
    OR OLD.pollution_type <> NEW.pollution_type OR OLD.received_at <> NEW.received_at)
EXECUTE FUNCTION petition_counts_apply();
)sql";

// The statistics of a year (GET /api/v1/stats) group the year's petitions a dozen ways: by
// region, group, leader, type, level, source, channel, status, day, and the steps of the
// on-time rates. With only (received_at) each grouping read every petition of the year from the
// table, a hundred thousand rows a time at a million petitions. This index holds every column
// they read, so each is a scan of the index alone (issue 7, docs/benchmarks.md).
const char* kMigration9StatsIndex = R"sql(
CREATE INDEX petitions_stats ON petitions(received_at, region_id, group_id, leader_id, status,
    pollution_type, level, source, channel, accepted_at, replied_at, last_step_at,
    extension_days, next_due, satisfaction, flags, pauses);
)sql";

// How many petitions each search token is in, kept by store::ReplaceSearchTokens in the same
// transaction as the postings. A search plans on it (the rarest token drives, the others are
// probed rarest first) and a one-word search without other filters takes its total from it:
// counting the 300,000 postings of 噪声 at a million petitions took tens of milliseconds a
// search (issue 7, docs/benchmarks.md).
const char* kMigration10TokenStats = R"sql(
CREATE TABLE token_stats (
    token TEXT PRIMARY KEY,
    n BIGINT NOT NULL
);
INSERT INTO token_stats (token, n) SELECT token, COUNT(*) FROM petition_tokens GROUP BY token;
)sql";

// A list by region, status and pollution type walked one of migration 6's indexes and read the
// table for the other column: 23,000 rows of a region's noise complaints at a million petitions
// to find its 23 accepted ones (72 ms). Each index now ends in the other column, so the check
// is made on the index entry and only the page's rows are read (issue 7, docs/benchmarks.md).
const char* kMigration11ListIndexes = R"sql(
DROP INDEX petitions_region_status;
DROP INDEX petitions_region_pollution;
CREATE INDEX petitions_region_status
    ON petitions(region_id, status, received_at, pollution_type);
CREATE INDEX petitions_region_pollution
    ON petitions(region_id, pollution_type, received_at, status);
)sql";

// An accepted invitation is registered as a petition at the desk like a booking (issue 4); the
// invitation then points at what it became, apart from the petition it was about.
const char* kMigration7InvitationPetition = R"sql(
ALTER TABLE invitations ADD COLUMN registered_petition_id BIGINT REFERENCES petitions(id);
)sql";

// Lists filtered by region and status or pollution type, and their totals, at a million
// petitions (issue 7, docs/benchmarks.md): with only (region_id, received_at) every total read
// each petition of the region from the table, tens of thousands of rows per request. Both
// indexes end in received_at so that a page comes out in order without a sort.
const char* kMigration6ListIndexes = R"sql(
CREATE INDEX petitions_region_status ON petitions(region_id, status, received_at);
CREATE INDEX petitions_region_pollution ON petitions(region_id, pollution_type, received_at);
)sql";

std::string Expand(std::string sql, Engine engine) {
    auto replace = [&sql](const std::string& from, const std::string& to) {
        for (std::size_t at = sql.find(from); at != std::string::npos; at = sql.find(from, at)) {
            sql.replace(at, from.size(), to);
            at += to.size();
        }
    };
    bool sqlite = engine == Engine::kSqlite;
    replace("{ID}", sqlite ? "INTEGER PRIMARY KEY AUTOINCREMENT"
                           : "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY");
    replace("{BLOB}", sqlite ? "BLOB" : "BYTEA");
    return sql;
}

// Issue 6: the printed notices. Templates are data the administrator edits; every notice issued
// is kept as printed (its number, date and filled text), so a reprint is the same letter.
const char* kMigration5Notices = R"sql(
CREATE TABLE notice_templates (
    kind TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    title TEXT NOT NULL,
    number_prefix TEXT NOT NULL,
    addressee TEXT NOT NULL,
    fields TEXT NOT NULL,
    body TEXT NOT NULL,
    cc TEXT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1,
    updated_at BIGINT NOT NULL,
    updated_by BIGINT REFERENCES users(id)
);
CREATE TABLE petition_documents (
    id {ID},
    petition_id BIGINT NOT NULL REFERENCES petitions(id),
    kind TEXT NOT NULL,
    year INTEGER NOT NULL,
    sequence INTEGER NOT NULL,
    number TEXT NOT NULL,
    issued_on TEXT NOT NULL,
    content TEXT NOT NULL,
    issued_at BIGINT NOT NULL,
    issued_by BIGINT REFERENCES users(id),
    UNIQUE (kind, year, sequence)
);
CREATE INDEX petition_documents_petition ON petition_documents(petition_id);
INSERT INTO notice_templates (kind, name, title, number_prefix, addressee, fields, body, cc, updated_at) VALUES
('acceptance', '受理告知书', '信访事项受理告知书', '海环信受', '{{petitioner}}：', '',
 '你（们）于{{received_date}}反映的“{{summary}}”的信访事项（编号{{code}}）收悉。根据《信访工作条例》的规定，经审查，该事项属于本机关职权范围，本机关决定予以受理。

本机关将自受理之日起60日内办结，并将办理结果书面答复你（们）。如情况复杂需要延长办理期限的，本机关将告知延期理由。

特此告知。', '', 0),
('non_acceptance', '不予受理告知书', '信访事项不予受理告知书', '海环信不受', '{{petitioner}}：', '',
 '你（们）于{{received_date}}反映的“{{summary}}”的信访事项（编号{{code}}）收悉。经审查，{{decline_reason}}。根据《信访工作条例》的规定，本机关决定不予受理。

{{forwarded_to_sentence}}

特此告知。', '', 0),
('assignment', '交办单', '信访事项交办单', '海环信交', '{{assigned_unit}}：', '信访编号|{{code}}
收到日期|{{received_date}}
所属区镇|{{region}}
问题点位|{{location}}
被投诉单位|{{respondent}}
反映问题|{{summary}}
信访人诉求|{{demand}}
交办要求|{{requirements}}
办结时限|{{due_date}}',
 '现将上述信访事项交你单位办理。请按照交办要求开展现场调查处理，于{{due_date}}前将办理情况书面报局信访调处科。', '局信访调处科', 0),
('supervision', '督办单', '信访事项督办单', '海环信督', '{{assigned_unit}}：', '信访编号|{{code}}
反映问题|{{summary}}
交办日期|{{assigned_date}}
原定时限|{{due_date}}
督办事项|{{supervision}}
反馈时限|{{supervision_deadline}}',
 '上述信访事项已交你单位办理，目前尚未按要求办结反馈。请高度重视，按督办要求抓紧办理，并于{{supervision_deadline}}前将办理情况书面报局信访调处科。', '局信访调处科', 0),
('reply', '答复意见书', '信访事项答复意见书', '海环信复', '{{petitioner}}：', '',
 '你（们）于{{received_date}}反映的“{{summary}}”的信访事项（编号{{code}}），本机关已于{{accepted_date}}受理。现答复如下：

{{findings}}

{{reply}}

如对本答复意见不服，可以自收到本答复意见书之日起30日内向上一级行政机关请求复查。', '', 0),
('extension', '延期告知书', '信访事项延期办理告知书', '海环信延', '{{petitioner}}：', '',
 '你（们）于{{received_date}}反映的“{{summary}}”的信访事项（编号{{code}}），因{{extension_reason}}，经本机关负责人批准，办理期限延长{{extension_days}}日，至{{due_date}}。

特此告知。', '', 0),
('review', '复查意见书', '信访事项复查意见书', '海环信复查', '{{petitioner}}：', '',
 '你（们）对本机关就“{{summary}}”信访事项（编号{{code}}）作出的答复意见不服，于{{review_requested_date}}提出复查请求。本机关经复查，意见如下：

{{reply}}

如对本复查意见不服，可以自收到本复查意见书之日起30日内向上一级行政机关请求复核。', '', 0);
)sql";

void EnsureMigrationTable(Database& db) {
    Transaction tx(db, Transaction::Mode::kWrite);
    tx.Exec(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
        "name TEXT NOT NULL, applied_at BIGINT NOT NULL)");
    tx.Commit();
}

}  // namespace

const std::vector<Migration>& AllMigrations() {
    static const std::vector<Migration> migrations = {
        {1, "organisation, accounts, sessions and audit log", kMigration1Organisation,
         kMigration1SqliteTriggers, kMigration1PostgresTriggers},
        {2, "petitions, petitioners, timeline, inspections and attachments", kMigration2Petitions,
         "", ""},
        {3, "reception days, bookings, invitations and online complaints", kMigration3Reception, "",
         ""},
        {4, "key cases, case files, field visits, monthly reports and escalation",
         kMigration4KeyCases, "", ""},
        {5, "notice templates and issued notices", kMigration5Notices, "", ""},
        {6, "indexes for lists by region with status or pollution type", kMigration6ListIndexes, "",
         ""},
        {7, "the petition an invitation was registered as", kMigration7InvitationPetition, "", ""},
        {8, "petition links by either end, petition counts by region, status, type and month",
         kMigration8Counts, kMigration8SqliteCounts, kMigration8PostgresCounts},
        {9, "an index holding every column the statistics read", kMigration9StatsIndex, "", ""},
        {10, "how many petitions each search token is in", kMigration10TokenStats, "", ""},
        {11, "list indexes that also hold the other list filter", kMigration11ListIndexes, "", ""},
    };
    return migrations;
}

int SchemaVersion(Database& db) {
    EnsureMigrationTable(db);
    Transaction tx(db, Transaction::Mode::kRead);
    Rows rows = tx.Query("SELECT COALESCE(MAX(version), 0) AS version FROM schema_migrations");
    return static_cast<int>(rows.front()["version"].AsInt());
}

MigrationReport Migrate(Database& db) {
    MigrationReport report;
    report.from_version = SchemaVersion(db);
    report.to_version = report.from_version;

    for (const auto& migration : AllMigrations()) {
        if (migration.version <= report.from_version) continue;

        // The version row is inserted first: if a second process migrates at the same moment,
        // its insert fails on the primary key and its whole transaction rolls back.
        auto conn = db.Acquire();
        conn->Begin(true);
        try {
            conn->Exec(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
                {migration.version, migration.name, core::NowSeconds()});
            std::string sql =
                migration.sql +
                (db.engine() == Engine::kSqlite ? migration.sqlite_only : migration.postgres_only);
            conn->ExecScript(Expand(sql, db.engine()));
            conn->Commit();
        } catch (...) {
            conn->Rollback();
            throw;
        }
        report.applied.push_back(std::to_string(migration.version) + " " + migration.name);
        report.to_version = migration.version;
    }
    return report;
}

}  // namespace xinfang::store
