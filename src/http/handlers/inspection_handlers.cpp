#include "core/date.h"
#include "http/api_error.h"
#include "http/audit_support.h"
#include "http/handlers/petition_handlers.h"
#include "http/json_body.h"
#include "http/petition_support.h"

namespace xinfang::http {
namespace bhttp = boost::beast::http;
namespace json = boost::json;
using store::Transaction;
namespace {

constexpr std::size_t kMaxRequirements = 50;

// Investigation happens on a matter in the unit's hands: assigned or reported.
void RequireUnderInvestigation(const store::PetitionRow& row) {
    auto status = StatusOf(row);
    if (status != core::PetitionStatus::kAssigned && status != core::PetitionStatus::kReported) {
        throw Conflict("workflow.wrong_state", "只有已交办或已反馈的信访件可以记录现场检查");
    }
}

// A bureau officer records inspections only on its own unit's assignments.
void RequireInspector(const Principal& principal, const store::PetitionRow& row) {
    const core::User& user = principal.user;
    if (user.role == core::Role::kBureau && user.unit_id != row.assigned_unit_id) {
        throw ApiError(403, "workflow.not_assignee", "只能为本单位承办的信访件记录检查");
    }
}

core::Date RequiredDate(const JsonBody& body, std::string_view name, std::string_view label) {
    std::string text = body.RequiredString(name, label, 10);
    auto date = core::Date::Parse(text);
    if (!date) {
        throw ValidationError("validation.invalid", std::string(label) + "格式应为 YYYY-MM-DD",
                              std::string(name));
    }
    return *date;
}

// A requirement is due on or after the inspection that set it.
std::vector<store::RequirementRow> ReadRequirements(const JsonBody& body, core::Date inspected_on) {
    std::vector<store::RequirementRow> out;
    const json::value* list = body.object().if_contains("requirements");
    if (!list || list->is_null()) return out;
    if (!list->is_array() || list->as_array().size() > kMaxRequirements) {
        throw ValidationError("validation.invalid", "整改要求应为不超过50项的列表", "requirements");
    }
    for (std::size_t i = 0; i < list->as_array().size(); ++i) {
        const json::value& item = list->as_array()[i];
        std::string prefix = "requirements[" + std::to_string(i) + "].";
        if (!item.is_object())
            throw ValidationError("validation.type", "整改要求格式不正确", "requirements");
        JsonBody req(item.as_object());
        try {
            store::RequirementRow r;
            r.content = req.RequiredString("content", "整改要求", 1000);
            core::Date deadline = RequiredDate(req, "deadline", "整改时限");
            if (deadline < inspected_on) {
                throw ValidationError("validation.invalid", "整改时限不能早于检查日期", "deadline");
            }
            r.deadline = deadline.ToString();
            out.push_back(std::move(r));
        } catch (const ApiError& error) {
            throw ApiError(error.status(), error.code(), error.message(), prefix + error.field());
        }
    }
    return out;
}

Response CreateInspection(AppContext& app, RequestContext& ctx) {
    std::int64_t id = ParseId(ctx.Param("id"));
    JsonBody body = JsonBody::Parse(ctx.request());
    store::InspectionRow inspection;
    inspection.petition_id = id;
    core::Date on = RequiredDate(body, "inspected_on", "检查日期");
    if (on > Today())
        throw ValidationError("validation.future", "检查日期不能晚于今天", "inspected_on");
    inspection.inspected_on = on.ToString();
    inspection.participants = body.RequiredString("participants", "参与人员", 500);
    inspection.findings = body.RequiredString("findings", "检查情况", 4000);
    inspection.requirements = ReadRequirements(body, on);
    inspection.created_at = core::NowSeconds();
    inspection.created_by = ctx.principal().user.id;

    Transaction tx(app.db, Transaction::Mode::kWrite);
    store::PetitionRow row = LoadVisiblePetition(tx, app, ctx.principal(), id);
    RequireInspector(ctx.principal(), row);
    RequireUnderInvestigation(row);
    if (row.assigned_at && on < core::DateOf(*row.assigned_at)) {
        throw ValidationError(
            "validation.invalid",
            "检查日期不能早于交办日期（" + core::DateOf(*row.assigned_at).ToString() + "）",
            "inspected_on");
    }
    auto attachments = ReferencedAttachments(tx, body, id);
    std::int64_t inspection_id = store::InsertInspection(tx, inspection);

    store::EventRow event;
    event.action = "inspect";
    event.from_status = event.to_status = row.status;
    event.at = core::StartOfDay(on);
    event.recorded_at = inspection.created_at;
    event.user_id = ctx.principal().user.id;
    json::object details{{"inspection_id", inspection_id},
                         {"requirements", inspection.requirements.size()}};
    if (attachments) details["attachments"] = std::move(*attachments);
    event.details_json = json::serialize(details);
    store::InsertEvent(tx, id, event);
    RecordAudit(tx, ctx.principal().user, "create", "inspection", inspection_id,
                json::object{{"petition_id", json::array{nullptr, id}}});
    json::object view = InspectionJson(*store::FindInspection(tx, inspection_id));
    tx.Commit();
    return JsonResponse(ctx.request(), 201, view);
}

Response FollowUp(AppContext& app, RequestContext& ctx) {
    std::int64_t inspection_id = ParseId(ctx.Param("id"));
    std::int64_t requirement_id = ParseId(ctx.Param("rid"));
    JsonBody body = JsonBody::Parse(ctx.request());
    auto met = body.OptionalBool("met", "是否整改到位");
    if (!met) throw ValidationError("validation.required", "请选择是否整改到位", "met");
    core::Date on = RequiredDate(body, "followed_up_on", "后督察日期");
    if (on > Today())
        throw ValidationError("validation.future", "后督察日期不能晚于今天", "followed_up_on");
    std::string note = body.OptionalString("note", "后督察情况", 2000).value_or("");

    Transaction tx(app.db, Transaction::Mode::kWrite);
    auto inspection = store::FindInspection(tx, inspection_id);
    if (!inspection) throw NotFound("检查记录不存在");
    store::PetitionRow row = LoadVisiblePetition(tx, app, ctx.principal(), inspection->petition_id);
    RequireInspector(ctx.principal(), row);
    bool known = false;
    for (const auto& r : inspection->requirements) known = known || r.id == requirement_id;
    if (!known) throw NotFound("整改要求不存在");
    if (on < *core::Date::Parse(inspection->inspected_on)) {
        throw ValidationError("validation.invalid",
                              "后督察日期不能早于检查日期（" + inspection->inspected_on + "）",
                              "followed_up_on");
    }
    auto attachments = ReferencedAttachments(tx, body, row.id);

    store::RecordFollowUp(tx, requirement_id, *met, on.ToString(), note);
    store::EventRow event;
    event.action = "follow_up";
    event.from_status = event.to_status = row.status;
    event.at = core::StartOfDay(on);
    event.recorded_at = core::NowSeconds();
    event.user_id = ctx.principal().user.id;
    json::object details{
        {"inspection_id", inspection_id}, {"requirement_id", requirement_id}, {"met", *met}};
    if (attachments) details["attachments"] = std::move(*attachments);
    event.details_json = json::serialize(details);
    store::InsertEvent(tx, row.id, event);
    RecordAudit(tx, ctx.principal().user, "update", "inspection", inspection_id,
                json::object{{"requirement_met", json::array{nullptr, *met}}});
    json::object view = InspectionJson(*store::FindInspection(tx, inspection_id));
    tx.Commit();
    return JsonResponse(ctx.request(), 200, view);
}

Response Upload(AppContext& app, RequestContext& ctx) {
    std::int64_t id = ParseId(ctx.Param("id"));
    const Request& request = ctx.request();
    store::UploadCheck check = store::CheckUpload(request[bhttp::field::content_type],
                                                  request.body(), app.config.max_upload_bytes);
    if (!check.ok()) throw ApiError(check.status, check.code, check.message);
    std::string filename = store::SafeFilename(request["X-Filename"]);

    {
        Transaction tx(app.db, Transaction::Mode::kRead);
        store::PetitionRow row = LoadVisiblePetition(tx, app, ctx.principal(), id);
        RequireInspector(ctx.principal(), row);
    }
    // The file is written before the row that names it: a crash in between leaves an unnamed
    // file, never a row without its file.
    store::StoredFile stored = app.files.Put(request.body());

    store::AttachmentRow attachment;
    attachment.petition_id = id;
    attachment.filename = filename;
    attachment.content_type = check.content_type;
    attachment.size = static_cast<std::int64_t>(stored.size);
    attachment.sha256 = stored.sha256;
    attachment.uploaded_at = core::NowSeconds();

    Transaction tx(app.db, Transaction::Mode::kWrite);
    store::PetitionRow row = LoadVisiblePetition(tx, app, ctx.principal(), id);
    attachment.id = store::InsertAttachment(tx, attachment, ctx.principal().user.id);
    store::EventRow event;
    event.action = "attach";
    event.from_status = event.to_status = row.status;
    event.at = event.recorded_at = attachment.uploaded_at;
    event.user_id = ctx.principal().user.id;
    event.details_json =
        json::serialize(json::object{{"attachment_id", attachment.id}, {"filename", filename}});
    store::InsertEvent(tx, id, event);
    RecordAudit(tx, ctx.principal().user, "create", "attachment", attachment.id,
                json::object{{"petition_id", json::array{nullptr, id}},
                             {"sha256", json::array{nullptr, stored.sha256}}});
    tx.Commit();
    return JsonResponse(request, 201, AttachmentJson(attachment));
}

Response Download(AppContext& app, RequestContext& ctx) {
    std::int64_t id = ParseId(ctx.Param("id"));
    std::optional<store::AttachmentRow> attachment;
    {
        Transaction tx(app.db, Transaction::Mode::kRead);
        attachment = store::FindAttachment(tx, id);
        if (!attachment) throw NotFound("附件不存在");
        LoadVisiblePetition(tx, app, ctx.principal(), attachment->petition_id);
    }
    auto bytes = app.files.Get(attachment->sha256);
    if (!bytes) throw NotFound("附件文件缺失");

    Response response{bhttp::status::ok, ctx.request().version()};
    response.set(bhttp::field::content_type, attachment->content_type);
    response.set(bhttp::field::cache_control, "private, no-store");
    response.set("X-Content-Type-Options", "nosniff");
    std::string encoded;
    for (unsigned char c : attachment->filename) {
        static const char* hex = "0123456789ABCDEF";
        if (std::isalnum(c) || c == '.' || c == '-' || c == '_') {
            encoded.push_back(static_cast<char>(c));
        } else {
            encoded += '%';
            encoded += hex[c >> 4];
            encoded += hex[c & 15];
        }
    }
    response.set(bhttp::field::content_disposition, "attachment; filename*=UTF-8''" + encoded);
    response.keep_alive(ctx.request().keep_alive());
    response.body() = std::move(*bytes);
    response.prepare_payload();
    return response;
}

}  // namespace

void AddInspectionRoutes(Router& router, AppContext& app) {
    Guard inspect = Guard::Requires(core::Permission::kPetitionsInspect);
    Guard read = Guard::Requires(core::Permission::kPetitionsRead);
    auto bind = [&app](Response (*handler)(AppContext&, RequestContext&)) {
        return [&app, handler](RequestContext& ctx) { return handler(app, ctx); };
    };
    router.Add(bhttp::verb::post, "/api/v1/petitions/{id}/inspections", inspect,
               bind(CreateInspection));
    router.Add(bhttp::verb::post, "/api/v1/inspections/{id}/requirements/{rid}/follow-up", inspect,
               bind(FollowUp));
    router.Add(bhttp::verb::post, "/api/v1/petitions/{id}/attachments", inspect, bind(Upload));
    router.Add(bhttp::verb::get, "/api/v1/attachments/{id}", read, bind(Download));
}

}  // namespace xinfang::http
