#include "core/date.h"
#include "http/api_error.h"
#include "http/audit_support.h"
#include "http/handlers/petition_handlers.h"
#include "http/json_body.h"
#include "http/petition_actions.h"
#include "http/petition_support.h"
#include "store/org_store.h"

namespace xinfang::http {
namespace bhttp = boost::beast::http;
namespace json = boost::json;
using store::Transaction;
namespace {

constexpr std::size_t kMaxText = 4000;

ApiError StaleVersion() {
    return Conflict("conflict.stale_version", "该信访件已被他人修改，请刷新后重试", "version");
}

std::optional<core::Date> DateField(const JsonBody& body, std::string_view name,
                                    std::string_view label) {
    auto text = body.OptionalString(name, label, 10);
    if (!text) return std::nullopt;
    auto date = core::Date::Parse(*text);
    if (!date) {
        throw ValidationError("validation.invalid", std::string(label) + "格式应为 YYYY-MM-DD",
                              std::string(name));
    }
    return date;
}

// The action's fields as the workflow rules read them; lengths are checked here.
core::TransitionPayload ReadPayload(const JsonBody& body) {
    core::TransitionPayload p;
    p.reason = body.OptionalString("reason", "理由", kMaxText).value_or("");
    p.agency = body.OptionalString("agency", "转送机关", 200).value_or("");
    p.unit_id = body.OptionalInt("unit_id", "承办单位", 1, INT64_MAX);
    p.requirements = body.OptionalString("requirements", "办理要求", kMaxText).value_or("");
    p.deadline = DateField(body, "deadline", "期限");
    p.findings = body.OptionalString("findings", "办理情况", kMaxText).value_or("");
    p.content = body.OptionalString("content", "内容", kMaxText).value_or("");
    if (auto way = body.OptionalString("way", "答复方式", 20)) {
        p.way = core::ParseReplyWay(*way);
        if (!p.way) throw ValidationError("validation.invalid", "答复方式不正确", "way");
    }
    if (auto satisfaction = body.OptionalString("satisfaction", "满意度", 30)) {
        p.satisfaction = core::ParseSatisfaction(*satisfaction);
        if (!p.satisfaction)
            throw ValidationError("validation.invalid", "满意度不正确", "satisfaction");
    }
    if (auto days = body.OptionalInt("extension_days", "延期天数", 1, 365)) {
        p.extension_days = static_cast<int>(*days);
    }
    return p;
}

std::optional<std::int64_t> ReadAt(const JsonBody& body) {
    auto text = body.OptionalString("at", "办理时间", 40);
    if (!text) return std::nullopt;
    auto at = core::ParseTime(*text);
    if (!at) throw ValidationError("validation.invalid", "办理时间格式不正确", "at");
    return at;
}

}  // namespace

json::object ApplyAction(Transaction& tx, store::PetitionRow& row, core::Action action,
                         const core::TransitionPayload& p, std::int64_t at,
                         const core::User& actor) {
    using core::Action;
    switch (action) {
        case Action::kAccept:
            row.accepted_at = at;
            return {};
        case Action::kDecline:
            row.decline_reason = p.reason;
            return {{"reason", p.reason}};
        case Action::kForward:
            row.forwarded_to = p.agency;
            return {{"agency", p.agency}};
        case Action::kAssign: {
            auto unit = store::FindUnit(tx, *p.unit_id);
            if (!unit || !unit->active) {
                throw ValidationError("validation.invalid", "所选承办单位不存在或已停用",
                                      "unit_id");
            }
            row.assigned_unit_id = unit->id;
            row.assignment_requirements = p.requirements;
            row.unit_target = p.deadline ? std::optional(p.deadline->ToString()) : std::nullopt;
            row.assigned_at = at;
            row.reported_at.reset();
            return {{"unit", unit->name},
                    {"requirements", p.requirements},
                    {"deadline", row.unit_target ? json::value(*row.unit_target) : nullptr}};
        }
        case Action::kReport:
            row.findings = p.findings;
            row.reported_at = at;
            return {{"findings", p.findings}};
        case Action::kReply:
            row.reply_content = p.content;
            row.reply_way = std::string(core::Code(*p.way));
            row.replied_at = at;
            return {{"content", p.content}, {"way", *row.reply_way}};
        case Action::kRecordSatisfaction:
            row.satisfaction = std::string(core::Code(*p.satisfaction));
            return {{"satisfaction", *row.satisfaction}};
        case Action::kClose:
            return {};
        case Action::kRequestReview:
            row.review_requested_at = at;
            return {{"reason", p.reason}};
        case Action::kDecideReview:
            row.review_decided_at = at;
            return {{"content", p.content}};
        case Action::kRequestRereview:
            row.rereview_requested_at = at;
            return {{"reason", p.reason}};
        case Action::kDecideRereview:
            row.rereview_decided_at = at;
            return {{"content", p.content}};
        case Action::kMarkLitigation:
            if (std::find(row.flags.begin(), row.flags.end(), "litigation") == row.flags.end()) {
                row.flags.push_back("litigation");
            }
            return {{"reason", p.reason}};
        case Action::kExtend:
            row.extension_days = *p.extension_days;
            row.extension_reason = p.reason;
            row.extension_by = actor.id;
            row.extension_at = at;
            return {{"days", *p.extension_days}, {"reason", p.reason}};
        case Action::kSupervise: {
            store::NoticeRow notice;
            notice.content = p.content;
            if (p.deadline) notice.deadline = p.deadline->ToString();
            notice.issued_at = at;
            notice.issued_by = actor.id;
            std::int64_t id = store::InsertNotice(tx, row.id, notice);
            return {{"notice_id", id},
                    {"content", p.content},
                    {"deadline", notice.deadline ? json::value(*notice.deadline) : nullptr}};
        }
        case Action::kAnswerSupervision:
            for (const auto& notice : store::ListNotices(tx, row.id)) {
                if (notice.answer) continue;
                store::AnswerNotice(tx, notice.id, p.content, at, actor.id);
                return {{"notice_id", notice.id}, {"content", p.content}};
            }
            return {};
    }
    return {};
}

void RecordStep(Transaction& tx, AppContext& app, const core::User& actor,
                store::PetitionRow& row, std::string_view code, core::PetitionStatus from,
                core::PetitionStatus to, std::int64_t at, const json::object& details) {
    std::int64_t now = core::NowSeconds();
    row.status = std::string(core::Code(to));
    row.last_step_at = std::max(row.last_step_at, at);
    row.updated_at = now;
    RefreshNextDue(row, app);
    if (!store::UpdatePetition(tx, row)) throw StaleVersion();
    ++row.version;

    store::EventRow event;
    event.action = std::string(code);
    event.from_status = std::string(core::Code(from));
    event.to_status = row.status;
    event.at = at;
    event.recorded_at = now;
    event.user_id = actor.id;
    event.details_json = json::serialize(details);
    store::InsertEvent(tx, row.id, event);
    json::object changes{{"action", json::array{nullptr, std::string(code)}}};
    if (from != to) changes["status"] = json::array{std::string(core::Code(from)), row.status};
    RecordAudit(tx, actor, "transition", "petition", row.id, changes);
}

namespace {

// Pausing the clock is the section's decision about time, not a step of the matter, so it sits
// beside the workflow rules: it needs a reason and a last day, and counts from `at`.
json::object ApplyPause(const JsonBody& body, store::PetitionRow& row, std::int64_t at,
                        const core::User& actor) {
    if (actor.role != core::Role::kAdmin && actor.role != core::Role::kCoordinator) {
        throw ApiError(403, "workflow.forbidden_role", "只有信访调处科可以暂停计时");
    }
    if (!row.next_due) {
        throw Conflict("workflow.wrong_state", "该信访件当前没有正在计算的期限，无需暂停");
    }
    std::string reason = body.RequiredString("reason", "暂停理由", 500);
    auto until = DateField(body, "until", "暂停至");
    if (!until) throw ValidationError("validation.required", "请填写暂停至哪一天", "until");
    if (at < row.last_step_at) {
        throw ValidationError("workflow.at_before_previous", "暂停时间不能早于上一步办理时间",
                              "at");
    }
    core::Date first = core::DateOf(at);
    if (*until < first)
        throw ValidationError("validation.invalid", "暂停结束日期不能早于开始日期", "until");

    // The pause belongs to the clock running now, so that it never moves a deadline already met.
    json::value pauses = json::parse(row.pauses_json);
    pauses.as_array().push_back(json::object{{"first", first.ToString()},
                                             {"last", until->ToString()},
                                             {"reason", reason},
                                             {"clock", *row.next_due_kind}});
    row.pauses_json = json::serialize(pauses);
    return {{"reason", reason},
            {"from", first.ToString()},
            {"until", until->ToString()},
            {"clock", *row.next_due_kind}};
}

Response Transition(AppContext& app, RequestContext& ctx) {
    std::int64_t id = ParseId(ctx.Param("id"));
    JsonBody body = JsonBody::Parse(ctx.request());
    std::string code = body.RequiredString("action", "操作", 40);
    std::int64_t version = body.RequiredInt("version", "版本号", 1, INT64_MAX);
    auto requested_at = ReadAt(body);
    bool pause = code == "pause";
    auto action = core::ParseAction(code);
    if (!pause && !action) throw ValidationError("validation.invalid", "操作不正确", "action");
    core::TransitionPayload payload = pause ? core::TransitionPayload{} : ReadPayload(body);
    const core::User& actor = ctx.principal().user;

    Transaction tx(app.db, Transaction::Mode::kWrite);
    store::PetitionRow row = LoadVisiblePetition(tx, app, ctx.principal(), id);
    if (row.version != version) throw StaleVersion();
    core::PetitionStatus from = StatusOf(row);

    core::TransitionFacts facts = FactsFor(tx, app, ctx.principal(), row);
    facts.at = requested_at;
    facts.payload = payload;
    std::int64_t at = requested_at.value_or(facts.now);
    core::PetitionStatus to = from;
    json::object details;
    if (pause) {
        if (at > facts.now + 300)
            throw ValidationError("workflow.at_in_future", "办理时间不能晚于现在", "at");
        details = ApplyPause(body, row, at, actor);
    } else {
        core::TransitionResult result = core::CheckTransition(from, *action, actor.role, facts);
        if (!result.ok()) {
            const core::WorkflowError& e = *result.error;
            throw ApiError(core::HttpStatus(e.kind), e.code, e.message, e.field);
        }
        at = result.at;
        to = *result.next;
        details = ApplyAction(tx, row, *action, payload, at, actor);
    }
    if (auto attachments = ReferencedAttachments(tx, body, id)) {
        details["attachments"] = std::move(*attachments);
    }
    RecordStep(tx, app, actor, row, code, from, to, at, details);

    auto stored = store::FindPetition(tx, id);
    json::object view = DetailJson(tx, app, ctx.principal(), *stored);
    tx.Commit();
    return JsonResponse(ctx.request(), 200, view);
}

}  // namespace

void AddPetitionActionRoutes(Router& router, AppContext& app) {
    router.Add(bhttp::verb::post, "/api/v1/petitions/{id}/transitions",
               Guard::Requires(core::Permission::kPetitionsAct),
               [&app](RequestContext& ctx) { return Transition(app, ctx); });
}

}  // namespace xinfang::http
