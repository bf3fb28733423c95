#pragma once

// What the key-case, field-visit and monthly-report handlers share (issue 5): the user's
// binding for the row-level rules of core/access, loading a case the user may see, the JSON
// shapes of docs/openapi.yaml ("key cases") and the drafts the app writes from the records.

#include <boost/json.hpp>
#include <string>

#include "core/access.h"
#include "core/date.h"
#include "core/key_case.h"
#include "http/app_context.h"
#include "http/json_body.h"
#include "http/router.h"
#include "store/field_visit_store.h"
#include "store/key_case_store.h"

namespace xinfang::http {

core::Binding BindingOf(const Principal& principal);

// The case, if the principal may see it (a town user: only with a task given to its unit);
// otherwise 404, so that ids of other units' cases do not leak.
store::KeyCaseRow LoadVisibleKeyCase(store::Transaction& tx, const Principal& principal,
                                     std::int64_t id);
// 403 unless the principal may edit the case (core::MayEditKeyCase).
void RequireCaseEditor(const Principal& principal, const store::KeyCaseRow& row);

// Reads the fields a create (POST /api/v1/key-cases) or an edit may carry into `row`: region,
// level and texts; leader and group, which must exist (a new case without them gets the group
// that covers its region and that group's leader, seed §四(二)); 400 naming the field otherwise.
// Changing leader or group needs `may_reassign` (403 without it).
void ReadKeyCaseFields(store::Transaction& tx, const JsonBody& body, store::KeyCaseRow& row,
                       bool creating, bool may_reassign);
// A new case as POST /api/v1/key-cases takes it, checked but not saved: the fields above and an
// optional stage, which may not be 已化解 (a case is closed with its closing report).
store::KeyCaseRow ReadNewKeyCase(store::Transaction& tx, const JsonBody& body);
// Saves a case read by ReadNewKeyCase with the next 序号, owned at bureau level, and audits it;
// returns the saved row.
store::KeyCaseRow InsertNewKeyCase(store::Transaction& tx, const core::User& actor,
                                   store::KeyCaseRow row);

// A required 'YYYY-MM-DD' field; 400 naming it when absent or malformed.
core::Date RequiredDateField(const JsonBody& body, std::string_view name, std::string_view label);
std::optional<core::Date> OptionalDateField(const JsonBody& body, std::string_view name,
                                            std::string_view label);
// A required 'YYYY-MM' query parameter or field.
core::Month MonthFrom(const std::optional<std::string>& text, std::string_view field);

// The version a write must carry (DESIGN.md §5): 400 when absent, 409 when stale.
std::int64_t RequiredVersion(const JsonBody& body);

boost::json::object KeyCaseSummaryJson(const store::KeyCaseRow& row);
boost::json::object CaseTaskJson(const store::CaseTaskRow& row);
boost::json::object CaseDocumentJson(const store::CaseDocumentRow& row);
boost::json::object LedgerJson(const store::LedgerEntryRow& row);
boost::json::object CaseAttachmentJson(const store::CaseAttachmentRow& row);
boost::json::object EscalationJson(const store::EscalationRow& row);
boost::json::object FieldVisitJson(const store::FieldVisitRow& row, core::Date today);
boost::json::object MonthlyReportJson(const store::MonthlyReportRow& row, core::Date today);
// The whole case file as the principal may see it.
boost::json::object KeyCaseDetailJson(store::Transaction& tx, const Principal& principal,
                                      const store::KeyCaseRow& row);

// Markdown drafts written from the records, for the people to complete.
std::string DraftSpecialReport(store::Transaction& tx, const store::KeyCaseRow& row,
                               const std::string& reason);
std::string DraftMonthlyReport(store::Transaction& tx, std::int64_t unit_id,
                               const std::string& unit_name, core::Month month);

std::string LevelLabel(const std::string& code);
std::string StageLabel(const std::string& code);

}  // namespace xinfang::http
