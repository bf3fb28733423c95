#include "http/petition_support.h"

#include "core/date.h"
#include "core/identity.h"
#include "http/api_error.h"
#include "http/json_view.h"
#include "store/org_store.h"
#include "text/bigram.h"

namespace xinfang::http {
namespace json = boost::json;
namespace {

json::value Ref(std::optional<std::int64_t> id, const std::optional<std::string>& name) {
    if (!id) return nullptr;
    return json::object{{"id", *id}, {"name", name.value_or("")}};
}

json::value DateJson(const std::optional<std::string>& date) {
    if (!date) return nullptr;
    return json::value(*date);
}

json::array FlagsJson(const std::vector<std::string>& flags) {
    json::array out;
    for (const auto& flag : flags) out.push_back(json::value(flag));
    return out;
}

std::string_view DeadlineKindCode(core::DeadlineKind kind) {
    switch (kind) {
        case core::DeadlineKind::kAcceptanceNotice:
            return "acceptance";
        case core::DeadlineKind::kHandling:
            return "handling";
        case core::DeadlineKind::kReviewDecision:
            return "review_decision";
        case core::DeadlineKind::kRereviewDecision:
            return "rereview_decision";
    }
    return "handling";
}

std::optional<core::DeadlineKind> ParseDeadlineKind(std::string_view code) {
    for (auto kind : {core::DeadlineKind::kAcceptanceNotice, core::DeadlineKind::kHandling,
                      core::DeadlineKind::kReviewDecision, core::DeadlineKind::kRereviewDecision}) {
        if (DeadlineKindCode(kind) == code) return kind;
    }
    return std::nullopt;
}

json::object DeadlineJson(std::string_view kind, core::Date due, bool statutory, bool met,
                          bool obligation, const AppContext& app) {
    core::Date today = Today();
    bool overdue = obligation && !met && core::Overdue(due, today);
    bool soon =
        obligation && !met && !overdue &&
        core::DueWithinWorkingDays(due, today, app.config.due_soon_working_days, app.calendar);
    return {{"kind", kind}, {"due", due.ToString()}, {"statutory", statutory},
            {"met", met},   {"overdue", overdue},    {"due_soon", soon}};
}

json::array DeadlinesJson(const store::PetitionRow& row, const AppContext& app) {
    core::PetitionDeadlines d = DeadlinesOf(row, app);
    core::PetitionStatus status = StatusOf(row);
    json::array out;
    out.push_back(DeadlineJson("acceptance", d.acceptance_notice, true,
                               status != core::PetitionStatus::kRegistered, true, app));
    if (auto handling = d.EffectiveHandling()) {
        out.push_back(
            DeadlineJson("handling", *handling, true, row.replied_at.has_value(), true, app));
    }
    if (d.unit_target) {
        bool met = row.reported_at.has_value() || row.replied_at.has_value();
        out.push_back(DeadlineJson("target", *d.unit_target, false, met, true, app));
    }
    // The petitioner's windows to ask for a review are not the bureau's obligations: shown, never
    // overdue.
    if (d.review_request) {
        out.push_back(DeadlineJson("review_request", *d.review_request, true,
                                   row.review_requested_at.has_value(), false, app));
    }
    if (d.review_decision) {
        out.push_back(DeadlineJson("review_decision", *d.review_decision, true,
                                   row.review_decided_at.has_value(), true, app));
    }
    if (d.rereview_request) {
        out.push_back(DeadlineJson("rereview_request", *d.rereview_request, true,
                                   row.rereview_requested_at.has_value(), false, app));
    }
    if (d.rereview_decision) {
        out.push_back(DeadlineJson("rereview_decision", *d.rereview_decision, true,
                                   row.rereview_decided_at.has_value(), true, app));
    }
    return out;
}

json::value NextDeadlineJson(const store::PetitionRow& row, const AppContext& app) {
    if (!row.next_due || !row.next_due_kind) return nullptr;
    auto due = core::Date::Parse(*row.next_due);
    if (!due) return nullptr;
    return DeadlineJson(*row.next_due_kind, *due, true, false, true, app);
}

// Town contacts work on the task, never on the person: they see no identity, masked or not.
bool SeesIdentity(const Principal& principal) { return principal.user.role != core::Role::kTown; }

json::array PetitionersJson(store::Transaction& tx, const Principal& principal,
                            std::int64_t petition_id) {
    bool hidden = !SeesIdentity(principal);
    json::array out;
    for (const auto& p : store::ListPetitioners(tx, petition_id)) {
        json::object item{{"id", p.id}, {"representative", p.representative}, {"hidden", hidden}};
        item["name"] = hidden ? json::value(nullptr) : json::value(p.name_masked);
        item["id_number"] = hidden ? json::value(nullptr) : OptionalJson(p.id_number_masked);
        item["phone"] = hidden ? json::value(nullptr) : OptionalJson(p.phone_masked);
        item["address"] = hidden ? json::value(nullptr) : OptionalJson(p.address_masked);
        out.push_back(std::move(item));
    }
    return out;
}

json::array TimelineJson(store::Transaction& tx, std::int64_t petition_id) {
    json::array out;
    for (const auto& e : store::ListEvents(tx, petition_id)) {
        boost::system::error_code ec;
        json::value details = json::parse(e.details_json, ec);
        if (ec) details = json::object();
        out.push_back(json::object{{"id", e.id},
                                   {"action", e.action},
                                   {"from_status", OptionalJson(e.from_status)},
                                   {"to_status", OptionalJson(e.to_status)},
                                   {"at", core::FormatTime(e.at)},
                                   {"recorded_at", core::FormatTime(e.recorded_at)},
                                   {"user", Ref(e.user_id, e.user_name)},
                                   {"details", std::move(details)}});
    }
    return out;
}

json::array NoticesJson(store::Transaction& tx, std::int64_t petition_id) {
    json::array out;
    for (const auto& n : store::ListNotices(tx, petition_id)) {
        out.push_back(json::object{{"id", n.id},
                                   {"content", n.content},
                                   {"due_date", DateJson(n.deadline)},
                                   {"issued_at", core::FormatTime(n.issued_at)},
                                   {"issued_by", Ref(n.issued_by, n.issued_by_name)},
                                   {"answer", OptionalJson(n.answer)},
                                   {"answered_at", TimeJson(n.answered_at)}});
    }
    return out;
}

}  // namespace

core::Date Today() { return core::DateOf(core::NowSeconds()); }

void ApplyScope(const Principal& principal, AppContext& app, store::Transaction& tx,
                store::PetitionFilter& filter) {
    const core::User& user = principal.user;
    if (user.role == core::Role::kBureau) {
        filter.scope_assigned_unit = user.unit_id.value_or(-1);
    } else if (user.role == core::Role::kTown) {
        std::optional<core::Unit> unit;
        if (user.unit_id) unit = store::FindUnit(tx, *user.unit_id);
        filter.scope_region_assigned = unit && unit->region_id ? *unit->region_id : -1;
    }
}

store::PetitionRow LoadVisiblePetition(store::Transaction& tx, AppContext& app,
                                       const Principal& principal, std::int64_t id) {
    store::PetitionFilter filter;
    filter.only_id = id;
    ApplyScope(principal, app, tx, filter);
    bool scoped = filter.scope_assigned_unit || filter.scope_region_assigned;
    if (scoped && store::CountPetitions(tx, filter) == 0) throw NotFound("信访件不存在");
    auto row = store::FindPetition(tx, id);
    if (!row) throw NotFound("信访件不存在");
    return *row;
}

core::PetitionStatus StatusOf(const store::PetitionRow& row) {
    for (core::PetitionStatus status : core::AllPetitionStatuses()) {
        if (core::Code(status) == row.status) return status;
    }
    throw std::logic_error("unknown petition status in the database: " + row.status);
}

std::vector<core::PausedPeriod> PausesOf(const store::PetitionRow& row) {
    return ParsePauses(row.pauses_json);
}

std::vector<core::PausedPeriod> ParsePauses(const std::string& pauses_json) {
    std::vector<core::PausedPeriod> out;
    if (pauses_json == "[]") return out;
    boost::system::error_code ec;
    json::value pauses = json::parse(pauses_json, ec);
    if (ec || !pauses.is_array()) return out;
    for (const auto& item : pauses.as_array()) {
        const json::object& o = item.as_object();
        auto first = core::Date::Parse(o.at("first").as_string());
        auto last = core::Date::Parse(o.at("last").as_string());
        if (!first || !last) continue;
        core::PausedPeriod period{*first, *last, std::string(o.at("reason").as_string()), {}};
        if (const auto* clock = o.if_contains("clock"); clock && clock->is_string()) {
            period.clock = ParseDeadlineKind(clock->as_string());
        }
        out.push_back(std::move(period));
    }
    return out;
}

core::PetitionDeadlines DeadlinesOf(const store::PetitionRow& row, const AppContext& app) {
    core::DeadlineInputs in;
    in.received_at = row.received_at;
    in.accepted_at = row.accepted_at;
    in.replied_at = row.replied_at;
    in.review_requested_at = row.review_requested_at;
    in.review_decided_at = row.review_decided_at;
    in.rereview_requested_at = row.rereview_requested_at;
    in.rereview_decided_at = row.rereview_decided_at;
    in.extension_days = row.extension_days;
    if (row.unit_target) in.unit_target = core::Date::Parse(*row.unit_target);
    in.paused = PausesOf(row);
    return core::ComputeDeadlines(in, app.config.limits, app.calendar);
}

void RefreshNextDue(store::PetitionRow& row, const AppContext& app) {
    auto running = core::CurrentDeadline(StatusOf(row), DeadlinesOf(row, app));
    if (!running) {
        row.next_due.reset();
        row.next_due_kind.reset();
        return;
    }
    row.next_due = running->due.ToString();
    row.next_due_kind = std::string(DeadlineKindCode(running->kind));
}

core::TransitionFacts FactsFor(store::Transaction& tx, const AppContext& app,
                               const Principal& principal, const store::PetitionRow& row) {
    core::TransitionFacts facts;
    facts.now = core::NowSeconds();
    facts.previous_step_at = row.last_step_at;
    facts.actor_unit_is_assignee = principal.user.unit_id && row.assigned_unit_id &&
                                   *principal.user.unit_id == *row.assigned_unit_id;
    if (principal.user.role == core::Role::kTown && principal.user.unit_id &&
        row.assigned_unit_id) {
        // A town contact acts on what is assigned to its own government.
        facts.actor_unit_is_assignee = *principal.user.unit_id == *row.assigned_unit_id;
    }
    facts.extension_granted = row.extension_days > 0;
    for (const auto& notice : store::ListNotices(tx, row.id)) {
        if (!notice.answer) facts.open_supervision = true;
    }
    facts.review_decided = row.review_decided_at.has_value();
    facts.rereview_decided = row.rereview_decided_at.has_value();
    core::PetitionDeadlines d = DeadlinesOf(row, app);
    facts.review_request_due = d.review_request;
    facts.rereview_request_due = d.rereview_request;
    facts.handling_due = d.EffectiveHandling();
    facts.limits = app.config.limits;
    return facts;
}

std::vector<std::string> SearchTokensOf(const store::PetitionRow& row) {
    std::vector<std::string> tokens;
    for (const std::string* field : {&row.summary, &row.demand, &row.location, &row.respondent}) {
        for (auto& token : text::TokenList(*field)) tokens.push_back(std::move(token));
    }
    std::sort(tokens.begin(), tokens.end());
    tokens.erase(std::unique(tokens.begin(), tokens.end()), tokens.end());
    return tokens;
}

json::object SummaryJson(const store::PetitionRow& row, const AppContext& app,
                         const Principal& principal) {
    json::value unit = row.assigned_unit_id
                           ? Ref(row.assigned_unit_id, row.assigned_unit_name)
                           : Ref(row.responsible_unit_id, row.responsible_unit_name);
    return {{"id", row.id},
            {"code", row.code},
            {"status", row.status},
            {"summary", row.summary},
            {"region", Ref(row.region_id, row.region_name)},
            {"respondent", row.respondent},
            {"location", row.location},
            {"channel", row.channel},
            {"level", row.level},
            {"pollution_type", row.pollution_type},
            {"flags", FlagsJson(row.flags)},
            {"received_at", core::FormatTime(row.received_at)},
            {"unit", std::move(unit)},
            {"petitioner",
             SeesIdentity(principal) ? OptionalJson(row.petitioner_masked) : json::value(nullptr)},
            {"next_deadline", NextDeadlineJson(row, app)}};
}

json::object InspectionJson(const store::InspectionRow& row) {
    core::Date today = Today();
    json::array requirements;
    for (const auto& r : row.requirements) {
        auto deadline = core::Date::Parse(r.deadline);
        bool overdue = r.met != true && deadline && core::Overdue(*deadline, today);
        requirements.push_back(
            json::object{{"id", r.id},
                         {"content", r.content},
                         {"deadline", r.deadline},
                         {"met", r.met ? json::value(*r.met) : json::value(nullptr)},
                         {"followed_up_on", DateJson(r.followed_up_on)},
                         {"followup_note", OptionalJson(r.followup_note)},
                         {"overdue", overdue}});
    }
    return {{"id", row.id},
            {"inspected_on", row.inspected_on},
            {"participants", row.participants},
            {"findings", row.findings},
            {"requirements", std::move(requirements)},
            {"created_at", core::FormatTime(row.created_at)},
            {"created_by", Ref(row.created_by, row.created_by_name)}};
}

json::object AttachmentJson(const store::AttachmentRow& row) {
    return {{"id", row.id},
            {"filename", row.filename},
            {"content_type", row.content_type},
            {"size", row.size},
            {"sha256", row.sha256},
            {"uploaded_at", core::FormatTime(row.uploaded_at)}};
}

json::object DetailJson(store::Transaction& tx, AppContext& app, const Principal& principal,
                        const store::PetitionRow& row) {
    json::object out = SummaryJson(row, app, principal);
    out.erase("unit");
    out.erase("petitioner");
    out.erase("next_deadline");
    out["version"] = row.version;
    out["source"] = row.source;
    out["content_type"] = row.content_type;
    out["legal_category"] = row.legal_category;
    out["group"] = Ref(row.group_id, row.group_name);
    out["leader"] = Ref(row.leader_id, row.leader_name);
    out["receiving_leader"] = row.receiving_leader_id
                                  ? Ref(row.receiving_leader_id, row.receiving_leader_name)
                                  : json::value(nullptr);
    out["responsible_unit"] = Ref(row.responsible_unit_id, row.responsible_unit_name);
    out["demand"] = row.demand;
    out["people_count"] = row.people_count;
    out["petitioners"] = PetitionersJson(tx, principal, row.id);

    out["assignment"] = nullptr;
    if (row.assigned_unit_id) {
        out["assignment"] =
            json::object{{"unit", Ref(row.assigned_unit_id, row.assigned_unit_name)},
                         {"requirements", OptionalJson(row.assignment_requirements)},
                         {"target_date", DateJson(row.unit_target)},
                         {"assigned_at", TimeJson(row.assigned_at)},
                         {"findings", OptionalJson(row.findings)},
                         {"reported_at", TimeJson(row.reported_at)}};
    }
    out["extension"] = nullptr;
    if (row.extension_days > 0) {
        out["extension"] =
            json::object{{"days", row.extension_days},
                         {"reason", OptionalJson(row.extension_reason)},
                         {"approved_by", Ref(row.extension_by, row.extension_by_name)},
                         {"at", TimeJson(row.extension_at)}};
    }
    out["reply"] = nullptr;
    if (row.reply_content) {
        out["reply"] = json::object{{"content", *row.reply_content},
                                    {"way", OptionalJson(row.reply_way)},
                                    {"at", TimeJson(row.replied_at)},
                                    {"satisfaction", OptionalJson(row.satisfaction)}};
    }
    out["decline_reason"] = OptionalJson(row.decline_reason);
    out["forwarded_to"] = OptionalJson(row.forwarded_to);
    out["deadlines"] = DeadlinesJson(row, app);

    out["paused"] = nullptr;
    core::Date today = Today();
    for (const auto& pause : PausesOf(row)) {
        if (pause.first <= today && today <= pause.last) {
            out["paused"] = json::object{{"reason", pause.reason},
                                         {"from", pause.first.ToString()},
                                         {"until", pause.last.ToString()}};
        }
    }

    json::array links;
    for (const auto& link : store::ListLinks(tx, row.id)) {
        links.push_back(
            json::object{{"id", link.id}, {"code", link.code}, {"summary", link.summary}});
    }
    out["links"] = std::move(links);
    out["supervision_notices"] = NoticesJson(tx, row.id);
    json::array inspections;
    for (const auto& inspection : store::ListInspections(tx, row.id)) {
        inspections.push_back(InspectionJson(inspection));
    }
    out["inspections"] = std::move(inspections);
    json::array attachments;
    for (const auto& attachment : store::ListAttachments(tx, row.id)) {
        attachments.push_back(AttachmentJson(attachment));
    }
    out["attachments"] = std::move(attachments);
    out["timeline"] = TimelineJson(tx, row.id);

    json::array actions;
    core::TransitionFacts facts = FactsFor(tx, app, principal, row);
    if (core::Allows(principal.user.role, core::Permission::kPetitionsAct)) {
        for (core::Action action :
             core::AvailableActions(StatusOf(row), principal.user.role, facts)) {
            actions.push_back(json::value(core::Code(action)));
        }
        bool section = principal.user.role == core::Role::kAdmin ||
                       principal.user.role == core::Role::kCoordinator;
        if (section && row.next_due) actions.push_back("pause");
    }
    out["available_actions"] = std::move(actions);
    out["registered_at"] = core::FormatTime(row.created_at);
    out["updated_at"] = core::FormatTime(row.updated_at);
    return out;
}

std::optional<json::array> ReferencedAttachments(store::Transaction& tx, const JsonBody& body,
                                                 std::int64_t petition_id) {
    auto ids = body.OptionalIdList("attachment_ids", "附件");
    if (!ids || ids->empty()) return std::nullopt;

    json::array out;
    for (std::int64_t id : *ids) {
        auto attachment = store::FindAttachment(tx, id);
        if (!attachment || attachment->petition_id != petition_id) {
            throw ValidationError("validation.invalid", "所选附件不属于该信访件", "attachment_ids");
        }
        out.push_back(json::object{{"id", id}, {"filename", attachment->filename}});
    }
    return out;
}

}  // namespace xinfang::http
