#include "http/handlers/key_case_handlers.h"

#include "core/key_case.h"
#include "core/petition.h"
#include "http/api_error.h"
#include "http/audit_support.h"
#include "http/handlers/list_support.h"
#include "http/json_body.h"
#include "http/key_case_support.h"
#include "store/org_store.h"
#include "store/petition_store.h"

namespace xinfang::http {
namespace bhttp = boost::beast::http;
namespace json = boost::json;
using store::Transaction;
namespace {

constexpr std::size_t kMaxMarkdownChars = 20000;

core::KeyCaseStage StageOf(const store::KeyCaseRow& row) {
    return core::ParseKeyCaseStage(row.stage).value_or(core::KeyCaseStage::kResolving);
}

void AppendLedger(Transaction& tx, const Principal& principal, std::int64_t case_id,
                  core::LedgerKind kind, const std::string& on_date, const std::string& summary,
                  std::optional<std::int64_t> document_id = std::nullopt,
                  std::optional<std::int64_t> petition_id = std::nullopt) {
    store::LedgerEntryRow e;
    e.key_case_id = case_id;
    e.kind = std::string(core::LedgerKindCode(kind));
    e.on_date = on_date;
    e.summary = summary;
    e.document_id = document_id;
    e.petition_id = petition_id;
    e.user_id = principal.user.id;
    e.created_at = core::NowSeconds();
    store::InsertLedgerEntry(tx, e);
}

std::string TodayText() { return core::DateOf(core::NowSeconds()).ToString(); }

store::KeyCaseRow Reload(Transaction& tx, std::int64_t id) { return *store::FindKeyCase(tx, id); }

Response List(AppContext& app, RequestContext& ctx) {
    store::Page page = PageFromQuery(ctx);
    store::KeyCaseFilter filter;
    filter.region_id = IntQuery(ctx, "region_id");
    filter.leader_id = IntQuery(ctx, "leader_id");
    filter.group_id = IntQuery(ctx, "group_id");
    filter.level = ctx.Query("level");
    filter.stage = ctx.Query("stage");
    filter.owner_level = ctx.Query("owner_level");
    if (auto q = ctx.Query("q"); q && !q->empty()) filter.text = *q;
    if (filter.stage && !core::ParseKeyCaseStage(*filter.stage)) {
        throw ValidationError("validation.invalid", "阶段不在可选范围内", "stage");
    }
    const core::User& user = ctx.principal().user;
    if (ctx.Query("mine") == "true") {
        if (!user.leader_id)
            throw ValidationError("validation.invalid", "当前账号未绑定局领导", "mine");
        filter.leader_id = *user.leader_id;
    }
    if (user.role == core::Role::kTown) filter.task_unit_id = user.unit_id.value_or(0);

    Transaction tx(app.db, Transaction::Mode::kRead);
    json::array items;
    for (const auto& row : store::ListKeyCases(tx, filter, page)) {
        json::object item = KeyCaseSummaryJson(row);
        item["may_edit"] = core::MayEditKeyCase(BindingOf(ctx.principal()), row.leader_id);
        items.push_back(std::move(item));
    }
    return JsonResponse(
        ctx.request(), 200,
        json::object{{"items", std::move(items)}, {"total", store::CountKeyCases(tx, filter)}});
}

Response Get(AppContext& app, RequestContext& ctx) {
    std::int64_t id = ParseId(ctx.Param("id"));
    Transaction tx(app.db, Transaction::Mode::kRead);
    store::KeyCaseRow row = LoadVisibleKeyCase(tx, ctx.principal(), id);
    return JsonResponse(ctx.request(), 200, KeyCaseDetailJson(tx, ctx.principal(), row));
}

Response Create(AppContext& app, RequestContext& ctx) {
    JsonBody body = JsonBody::Parse(ctx.request());
    Transaction tx(app.db, Transaction::Mode::kWrite);
    store::KeyCaseRow row = ReadNewKeyCase(tx, body);
    json::object view = KeyCaseSummaryJson(InsertNewKeyCase(tx, ctx.principal().user, row));
    tx.Commit();
    return JsonResponse(ctx.request(), 201, view);
}

Response Update(AppContext& app, RequestContext& ctx) {
    std::int64_t id = ParseId(ctx.Param("id"));
    JsonBody body = JsonBody::Parse(ctx.request());
    std::int64_t version = RequiredVersion(body);
    Transaction tx(app.db, Transaction::Mode::kWrite);
    store::KeyCaseRow row = LoadVisibleKeyCase(tx, ctx.principal(), id);
    RequireCaseEditor(ctx.principal(), row);
    json::object before = KeyCaseSummaryJson(row);
    bool manager = core::Allows(ctx.principal().user.role, core::Permission::kKeyCasesManage);
    ReadKeyCaseFields(tx, body, row, false, manager);

    if (auto stage_text = body.OptionalString("stage", "阶段", 20)) {
        auto stage = core::ParseKeyCaseStage(*stage_text);
        if (!stage) throw ValidationError("validation.invalid", "阶段不在可选范围内", "stage");
        if (*stage == core::KeyCaseStage::kResolved && StageOf(row) != *stage) {
            throw Conflict("key_case.close_required", "结案请填写结案报告（结案操作）", "stage");
        }
        if (auto problem = core::StageChangeProblem(StageOf(row), *stage, true)) {
            throw Conflict("key_case.stage", *problem, "stage");
        }
        if (StageOf(row) == core::KeyCaseStage::kResolved && *stage != StageOf(row)) {
            row.closed_at = std::nullopt;
            AppendLedger(tx, ctx.principal(), id, core::LedgerKind::kOther, TodayText(),
                         "问题重新转为" + StageLabel(*stage_text));
        }
        row.stage = *stage_text;
    }
    row.version = version;
    row.updated_at = core::NowSeconds();
    if (!store::UpdateKeyCase(tx, row)) {
        throw Conflict("conflict.stale_version", "该问题已被他人修改，请刷新后重试", "version");
    }
    json::object view = KeyCaseSummaryJson(Reload(tx, id));
    RecordAudit(tx, ctx.principal().user, "update", "key_case", id, Changes(before, view));
    tx.Commit();
    return JsonResponse(ctx.request(), 200, view);
}

Response Close(AppContext& app, RequestContext& ctx) {
    std::int64_t id = ParseId(ctx.Param("id"));
    JsonBody body = JsonBody::Parse(ctx.request());
    std::int64_t version = RequiredVersion(body);
    std::string settlement = body.RequiredString("settlement", "化解情况", 4000);
    auto stopped = body.OptionalBool("petitioner_stopped", "是否息诉息访");
    if (!stopped) {
        throw ValidationError("validation.required", "请选择信访人是否息诉息访",
                              "petitioner_stopped");
    }
    std::string report = body.RequiredString("body", "结案报告", kMaxMarkdownChars);
    std::string title = body.OptionalString("title", "标题", 200).value_or("结案报告");

    Transaction tx(app.db, Transaction::Mode::kWrite);
    store::KeyCaseRow row = LoadVisibleKeyCase(tx, ctx.principal(), id);
    RequireCaseEditor(ctx.principal(), row);
    if (StageOf(row) == core::KeyCaseStage::kResolved) {
        throw Conflict("key_case.stage", "该问题已结案");
    }
    json::object before = KeyCaseSummaryJson(row);
    std::int64_t now = core::NowSeconds();

    store::CaseDocumentRow doc;
    for (const auto& d : store::ListCaseDocuments(tx, id)) {
        if (d.kind == "closing_report") doc = d;
    }
    doc.key_case_id = id;
    doc.kind = "closing_report";
    doc.title = title;
    doc.body = report;
    doc.settlement = settlement;
    doc.petitioner_stopped = *stopped;
    doc.updated_at = now;
    if (doc.id == 0) {
        doc.created_by = ctx.principal().user.id;
        doc.created_at = now;
        doc.id = store::InsertCaseDocument(tx, doc);
    } else {
        store::UpdateCaseDocument(tx, doc);
    }

    row.stage = std::string(core::KeyCaseStageCode(core::KeyCaseStage::kResolved));
    row.closed_at = now;
    row.version = version;
    row.updated_at = now;
    if (!store::UpdateKeyCase(tx, row)) {
        throw Conflict("conflict.stale_version", "该问题已被他人修改，请刷新后重试", "version");
    }
    AppendLedger(tx, ctx.principal(), id, core::LedgerKind::kOther, TodayText(),
                 std::string("结案：") + (*stopped ? "信访人已息诉息访" : "信访人未息诉息访"),
                 doc.id);
    json::object view = KeyCaseSummaryJson(Reload(tx, id));
    RecordAudit(tx, ctx.principal().user, "close", "key_case", id, Changes(before, view));
    json::object detail = KeyCaseDetailJson(tx, ctx.principal(), Reload(tx, id));
    tx.Commit();
    return JsonResponse(ctx.request(), 200, detail);
}

Response LinkPetition(AppContext& app, RequestContext& ctx) {
    std::int64_t id = ParseId(ctx.Param("id"));
    JsonBody body = JsonBody::Parse(ctx.request());
    std::int64_t petition_id = body.RequiredInt("petition_id", "信访件", 1, INT64_MAX);
    Transaction tx(app.db, Transaction::Mode::kWrite);
    store::KeyCaseRow row = LoadVisibleKeyCase(tx, ctx.principal(), id);
    RequireCaseEditor(ctx.principal(), row);
    auto petition = store::FindPetition(tx, petition_id);
    if (!petition) throw ValidationError("validation.invalid", "信访件不存在", "petition_id");
    for (const auto& p : store::ListCasePetitions(tx, id)) {
        if (p.id == petition_id) throw Conflict("key_case.linked", "该信访件已关联", "petition_id");
    }

    store::LinkCasePetition(tx, id, petition_id, core::NowSeconds());
    AppendLedger(tx, ctx.principal(), id, core::LedgerKind::kPetition,
                 core::DateOf(petition->received_at).ToString(),
                 "收到信访件 " + petition->code + "：" + petition->summary, std::nullopt,
                 petition_id);
    RecordAudit(tx, ctx.principal().user, "link", "key_case", id,
                json::object{{"petition_id", json::array{nullptr, petition_id}}});
    json::object detail = KeyCaseDetailJson(tx, ctx.principal(), row);
    tx.Commit();
    return JsonResponse(ctx.request(), 201, detail);
}

Response UnlinkPetition(AppContext& app, RequestContext& ctx) {
    std::int64_t id = ParseId(ctx.Param("id"));
    std::int64_t petition_id = ParseId(ctx.Param("pid"));
    Transaction tx(app.db, Transaction::Mode::kWrite);
    store::KeyCaseRow row = LoadVisibleKeyCase(tx, ctx.principal(), id);
    RequireCaseEditor(ctx.principal(), row);
    if (!store::UnlinkCasePetition(tx, id, petition_id)) throw NotFound("该信访件未关联");
    RecordAudit(tx, ctx.principal().user, "unlink", "key_case", id,
                json::object{{"petition_id", json::array{petition_id, nullptr}}});
    tx.Commit();
    return EmptyResponse(ctx.request(), 204);
}

Response AddTask(AppContext& app, RequestContext& ctx) {
    std::int64_t id = ParseId(ctx.Param("id"));
    JsonBody body = JsonBody::Parse(ctx.request());
    store::CaseTaskRow task;
    task.key_case_id = id;
    task.unit_id = body.RequiredInt("unit_id", "责任单位", 1, INT64_MAX);
    task.content = body.RequiredString("content", "任务内容", 2000);
    if (auto deadline = OptionalDateField(body, "deadline", "完成时限")) {
        task.deadline = deadline->ToString();
    }
    task.created_at = core::NowSeconds();

    Transaction tx(app.db, Transaction::Mode::kWrite);
    store::KeyCaseRow row = LoadVisibleKeyCase(tx, ctx.principal(), id);
    RequireCaseEditor(ctx.principal(), row);
    auto unit = store::FindUnit(tx, task.unit_id);
    if (!unit || !unit->active) {
        throw ValidationError("validation.invalid", "所选责任单位不存在或已停用", "unit_id");
    }
    task.id = store::InsertCaseTask(tx, task);
    AppendLedger(tx, ctx.principal(), id, core::LedgerKind::kOther, TodayText(),
                 "交办" + unit->name + "：" + task.content);
    json::object view = CaseTaskJson(*store::FindCaseTask(tx, task.id));
    RecordAudit(tx, ctx.principal().user, "create", "key_case_task", task.id,
                Changes(json::object(), view));
    tx.Commit();
    return JsonResponse(ctx.request(), 201, view);
}

Response AnswerTask(AppContext& app, RequestContext& ctx) {
    std::int64_t task_id = ParseId(ctx.Param("id"));
    JsonBody body = JsonBody::Parse(ctx.request());
    std::string result = body.RequiredString("result", "落实情况", 4000);
    bool done = body.OptionalBool("done", "是否完成").value_or(false);

    Transaction tx(app.db, Transaction::Mode::kWrite);
    auto task = store::FindCaseTask(tx, task_id);
    if (!task) throw NotFound("任务不存在");
    core::Binding who = BindingOf(ctx.principal());
    if (who.role == core::Role::kTown && who.unit_id != task->unit_id) throw NotFound("任务不存在");
    if (!core::MayAnswerTask(who, task->unit_id)) {
        throw ApiError(403, "key_case.not_task_unit", "只能填报交给本单位的任务");
    }
    json::object before = CaseTaskJson(*task);
    task->result = result;
    task->done = done;
    task->done_at = done ? std::optional(core::NowSeconds()) : std::nullopt;
    store::UpdateCaseTask(tx, *task);
    AppendLedger(tx, ctx.principal(), task->key_case_id, core::LedgerKind::kOther, TodayText(),
                 task->unit_name + "反馈：" + result);
    json::object view = CaseTaskJson(*store::FindCaseTask(tx, task_id));
    RecordAudit(tx, ctx.principal().user, "update", "key_case_task", task_id,
                Changes(before, view));
    tx.Commit();
    return JsonResponse(ctx.request(), 200, view);
}

Response ListTasks(AppContext& app, RequestContext& ctx) {
    const core::User& user = ctx.principal().user;
    std::optional<std::int64_t> unit = IntQuery(ctx, "unit_id");
    if (user.role == core::Role::kTown) unit = user.unit_id.value_or(0);
    if (!unit) throw ValidationError("validation.required", "请指定责任单位", "unit_id");
    Transaction tx(app.db, Transaction::Mode::kRead);
    json::array items;
    for (const auto& t : store::ListTasksOfUnit(tx, *unit)) {
        json::object item = CaseTaskJson(t);
        auto row = store::FindKeyCase(tx, t.key_case_id);
        item["key_case"] = json::object{{"id", row->id},
                                        {"location", row->location},
                                        {"region", row->region_name},
                                        {"stage", row->stage}};
        items.push_back(std::move(item));
    }
    std::int64_t total = static_cast<std::int64_t>(items.size());
    return JsonResponse(ctx.request(), 200,
                        json::object{{"items", std::move(items)}, {"total", total}});
}

Response AddLedger(AppContext& app, RequestContext& ctx) {
    std::int64_t id = ParseId(ctx.Param("id"));
    JsonBody body = JsonBody::Parse(ctx.request());
    auto kind = core::ParseLedgerKind(body.RequiredString("kind", "类别", 40));
    if (!kind) throw ValidationError("validation.invalid", "台帐类别不在可选范围内", "kind");
    core::Date on = RequiredDateField(body, "on_date", "日期");
    if (on > core::DateOf(core::NowSeconds())) {
        throw ValidationError("validation.future", "日期不能晚于今天", "on_date");
    }
    std::string summary = body.RequiredString("summary", "内容", 4000);

    Transaction tx(app.db, Transaction::Mode::kWrite);
    store::KeyCaseRow row = LoadVisibleKeyCase(tx, ctx.principal(), id);
    RequireCaseEditor(ctx.principal(), row);
    AppendLedger(tx, ctx.principal(), id, *kind, on.ToString(), summary);
    RecordAudit(tx, ctx.principal().user, "ledger", "key_case", id,
                json::object{{"kind", json::array{nullptr, core::LedgerKindCode(*kind)}},
                             {"on_date", json::array{nullptr, on.ToString()}}});
    json::object detail = KeyCaseDetailJson(tx, ctx.principal(), row);
    tx.Commit();
    return JsonResponse(ctx.request(), 201, detail);
}

void ReadDocumentFields(const JsonBody& body, store::CaseDocumentRow& doc, bool creating) {
    if (creating || body.Has("title")) doc.title = body.RequiredString("title", "标题", 200);
    if (creating || body.Has("body"))
        doc.body = body.RequiredString("body", "正文", kMaxMarkdownChars);
    if (body.Has("held_on")) {
        auto held = OptionalDateField(body, "held_on", "会议日期");
        doc.held_on = held ? std::optional(held->ToString()) : std::nullopt;
    }
    if (doc.kind == "closing_report") {
        if (body.Has("settlement"))
            doc.settlement = body.RequiredString("settlement", "化解情况", 4000);
        if (auto stopped = body.OptionalBool("petitioner_stopped", "是否息诉息访")) {
            doc.petitioner_stopped = *stopped;
        }
    }
}

Response AddDocument(AppContext& app, RequestContext& ctx) {
    std::int64_t id = ParseId(ctx.Param("id"));
    JsonBody body = JsonBody::Parse(ctx.request());
    std::string kind = body.OptionalString("kind", "类别", 40).value_or("minutes");
    if (kind != "minutes") {
        throw ValidationError(
            "validation.invalid",
            "此处只能新建会议纪要；结案报告在结案时填写，专题报告在层级上提时生成", "kind");
    }
    store::CaseDocumentRow doc;
    doc.key_case_id = id;
    doc.kind = kind;
    ReadDocumentFields(body, doc, true);
    if (!doc.held_on) doc.held_on = TodayText();

    Transaction tx(app.db, Transaction::Mode::kWrite);
    store::KeyCaseRow row = LoadVisibleKeyCase(tx, ctx.principal(), id);
    RequireCaseEditor(ctx.principal(), row);
    doc.created_by = ctx.principal().user.id;
    doc.created_at = doc.updated_at = core::NowSeconds();
    doc.id = store::InsertCaseDocument(tx, doc);
    AppendLedger(tx, ctx.principal(), id, core::LedgerKind::kConsultation, *doc.held_on,
                 "会议纪要：" + doc.title, doc.id);
    json::object view = CaseDocumentJson(*store::FindCaseDocument(tx, doc.id));
    RecordAudit(tx, ctx.principal().user, "create", "key_case_document", doc.id,
                json::object{{"key_case_id", json::array{nullptr, id}},
                             {"kind", json::array{nullptr, kind}},
                             {"title", json::array{nullptr, doc.title}}});
    tx.Commit();
    return JsonResponse(ctx.request(), 201, view);
}

Response UpdateDocument(AppContext& app, RequestContext& ctx) {
    std::int64_t doc_id = ParseId(ctx.Param("id"));
    JsonBody body = JsonBody::Parse(ctx.request());
    body.ForbidNull("title", "标题");
    body.ForbidNull("body", "正文");
    Transaction tx(app.db, Transaction::Mode::kWrite);
    auto doc = store::FindCaseDocument(tx, doc_id);
    if (!doc) throw NotFound("文书不存在");
    store::KeyCaseRow row = LoadVisibleKeyCase(tx, ctx.principal(), doc->key_case_id);
    if (ctx.principal().user.role == core::Role::kTown) throw NotFound("文书不存在");
    RequireCaseEditor(ctx.principal(), row);
    json::object before = CaseDocumentJson(*doc);
    ReadDocumentFields(body, *doc, false);
    doc->updated_at = core::NowSeconds();
    store::UpdateCaseDocument(tx, *doc);
    json::object view = CaseDocumentJson(*store::FindCaseDocument(tx, doc_id));
    json::object changes = Changes(before, view);
    changes.erase("body");
    if (before.at("body") != view.at("body")) changes["body"] = json::array{"…", "…"};
    RecordAudit(tx, ctx.principal().user, "update", "key_case_document", doc_id, changes);
    tx.Commit();
    return JsonResponse(ctx.request(), 200, view);
}

Response Upload(AppContext& app, RequestContext& ctx) {
    std::int64_t id = ParseId(ctx.Param("id"));
    const Request& request = ctx.request();
    std::optional<std::int64_t> document_id = IntQuery(ctx, "document_id");
    store::UploadCheck check = store::CheckUpload(request[bhttp::field::content_type],
                                                  request.body(), app.config.max_upload_bytes);
    if (!check.ok()) throw ApiError(check.status, check.code, check.message);
    std::string filename = store::SafeFilename(request["X-Filename"]);
    auto authorise = [&](Transaction& tx) {
        store::KeyCaseRow row = LoadVisibleKeyCase(tx, ctx.principal(), id);
        RequireCaseEditor(ctx.principal(), row);
        if (document_id) {
            auto doc = store::FindCaseDocument(tx, *document_id);
            if (!doc || doc->key_case_id != id) {
                throw ValidationError("validation.invalid", "文书不存在", "document_id");
            }
        }
    };
    {
        Transaction tx(app.db, Transaction::Mode::kRead);
        authorise(tx);
    }
    // The file is written before the row that names it: a crash in between leaves an unnamed
    // file, never a row without its file.
    store::StoredFile stored = app.files.Put(request.body());

    store::CaseAttachmentRow a;
    a.key_case_id = id;
    a.document_id = document_id;
    a.filename = filename;
    a.content_type = check.content_type;
    a.size = static_cast<std::int64_t>(stored.size);
    a.sha256 = stored.sha256;
    a.uploaded_at = core::NowSeconds();
    a.uploaded_by = ctx.principal().user.id;

    Transaction tx(app.db, Transaction::Mode::kWrite);
    authorise(tx);
    a.id = store::InsertCaseAttachment(tx, a);
    RecordAudit(tx, ctx.principal().user, "create", "key_case_attachment", a.id,
                json::object{{"key_case_id", json::array{nullptr, id}},
                             {"sha256", json::array{nullptr, stored.sha256}}});
    tx.Commit();
    return JsonResponse(request, 201, CaseAttachmentJson(a));
}

std::string ContentDisposition(const std::string& filename) {
    std::string encoded;
    for (unsigned char c : filename) {
        static const char* hex = "0123456789ABCDEF";
        if (std::isalnum(c) || c == '.' || c == '-' || c == '_') {
            encoded.push_back(static_cast<char>(c));
        } else {
            encoded += '%';
            encoded += hex[c >> 4];
            encoded += hex[c & 15];
        }
    }
    return "attachment; filename*=UTF-8''" + encoded;
}

Response Download(AppContext& app, RequestContext& ctx) {
    std::int64_t id = ParseId(ctx.Param("id"));
    std::optional<store::CaseAttachmentRow> a;
    {
        Transaction tx(app.db, Transaction::Mode::kRead);
        a = store::FindCaseAttachment(tx, id);
        if (!a || ctx.principal().user.role == core::Role::kTown) throw NotFound("附件不存在");
        LoadVisibleKeyCase(tx, ctx.principal(), a->key_case_id);
    }
    auto bytes = app.files.Get(a->sha256);
    if (!bytes) throw NotFound("附件文件缺失");
    Response response{bhttp::status::ok, ctx.request().version()};
    response.set(bhttp::field::content_type, a->content_type);
    response.set(bhttp::field::cache_control, "private, no-store");
    response.set("X-Content-Type-Options", "nosniff");
    response.set(bhttp::field::content_disposition, ContentDisposition(a->filename));
    response.keep_alive(ctx.request().keep_alive());
    response.body() = std::move(*bytes);
    response.prepare_payload();
    return response;
}

// Repeat and level-skipping facts of a case, from its own marks and its linked petitions.
core::EscalationFacts EscalationFactsOf(Transaction& tx, const store::KeyCaseRow& row) {
    core::EscalationFacts facts;
    facts.owner_level = core::ParseOwnerLevel(row.owner_level).value_or(core::OwnerLevel::kBureau);
    facts.stage = StageOf(row);
    facts.repeat = row.repeat;
    facts.level_skipping = row.level_skipping;
    for (const auto& p : store::ListCasePetitions(tx, row.id)) {
        for (const auto& f : p.flags) {
            facts.repeat = facts.repeat || f == "repeat";
            facts.level_skipping = facts.level_skipping || f == "level_skipping";
        }
        auto level = core::ParseLevel(p.level);
        facts.level_skipping =
            facts.level_skipping || (level && core::ImpliesLevelSkipping(*level));
    }
    return facts;
}

Response Escalate(AppContext& app, RequestContext& ctx) {
    std::int64_t id = ParseId(ctx.Param("id"));
    JsonBody body = JsonBody::Parse(ctx.request());
    std::int64_t version = RequiredVersion(body);
    std::string reason = body.RequiredString("reason", "上提理由", 2000);
    std::string district_leader = body.RequiredString("district_leader", "区领导", 50);

    Transaction tx(app.db, Transaction::Mode::kWrite);
    store::KeyCaseRow row = LoadVisibleKeyCase(tx, ctx.principal(), id);
    RequireCaseEditor(ctx.principal(), row);
    if (auto problem = core::EscalationProblem(EscalationFactsOf(tx, row))) {
        throw Conflict("key_case.escalation", *problem);
    }
    json::object before = KeyCaseSummaryJson(row);
    std::int64_t now = core::NowSeconds();

    store::CaseDocumentRow report;
    report.key_case_id = id;
    report.kind = "special_report";
    report.title = "关于“" + row.location + "”的专题报告";
    if (Utf8Length(report.title) > 200) report.title = "专题报告";
    report.body = DraftSpecialReport(tx, row, reason);
    report.created_by = ctx.principal().user.id;
    report.created_at = report.updated_at = now;
    report.id = store::InsertCaseDocument(tx, report);

    store::EscalationRow escalation;
    escalation.key_case_id = id;
    escalation.from_level = row.owner_level;
    escalation.to_level = std::string(core::OwnerLevelCode(core::OwnerLevel::kDistrict));
    escalation.reason = reason;
    escalation.district_leader = district_leader;
    escalation.report_id = report.id;
    escalation.escalated_at = now;
    escalation.escalated_by = ctx.principal().user.id;
    store::InsertEscalation(tx, escalation);

    row.owner_level = escalation.to_level;
    row.district_leader = district_leader;
    row.version = version;
    row.updated_at = now;
    if (!store::UpdateKeyCase(tx, row)) {
        throw Conflict("conflict.stale_version", "该问题已被他人修改，请刷新后重试", "version");
    }
    AppendLedger(tx, ctx.principal(), id, core::LedgerKind::kOther, TodayText(),
                 "层级上提，提请区领导" + district_leader + "带队化解", report.id);
    RecordAudit(tx, ctx.principal().user, "escalate", "key_case", id,
                Changes(before, KeyCaseSummaryJson(Reload(tx, id))));
    json::object detail = KeyCaseDetailJson(tx, ctx.principal(), Reload(tx, id));
    tx.Commit();
    return JsonResponse(ctx.request(), 200, detail);
}

}  // namespace

void AddKeyCaseRoutes(Router& router, AppContext& app) {
    Guard read = Guard::Requires(core::Permission::kKeyCasesRead);
    Guard manage = Guard::Requires(core::Permission::kKeyCasesManage);
    Guard edit = Guard::Requires(core::Permission::kKeyCasesEdit);
    Guard answer = Guard::Requires(core::Permission::kTasksAnswer);
    auto bind = [&app](Response (*handler)(AppContext&, RequestContext&)) {
        return [&app, handler](RequestContext& ctx) { return handler(app, ctx); };
    };
    router.Add(bhttp::verb::get, "/api/v1/key-cases", read, bind(List));
    router.Add(bhttp::verb::post, "/api/v1/key-cases", manage, bind(Create));
    router.Add(bhttp::verb::get, "/api/v1/key-cases/{id}", read, bind(Get));
    router.Add(bhttp::verb::patch, "/api/v1/key-cases/{id}", edit, bind(Update));
    router.Add(bhttp::verb::post, "/api/v1/key-cases/{id}/close", edit, bind(Close));
    router.Add(bhttp::verb::post, "/api/v1/key-cases/{id}/escalate", edit, bind(Escalate));
    router.Add(bhttp::verb::post, "/api/v1/key-cases/{id}/petitions", edit, bind(LinkPetition));
    router.Add(bhttp::verb::delete_, "/api/v1/key-cases/{id}/petitions/{pid}", edit,
               bind(UnlinkPetition));
    router.Add(bhttp::verb::post, "/api/v1/key-cases/{id}/tasks", edit, bind(AddTask));
    router.Add(bhttp::verb::get, "/api/v1/key-case-tasks", read, bind(ListTasks));
    router.Add(bhttp::verb::post, "/api/v1/key-case-tasks/{id}/result", answer, bind(AnswerTask));
    router.Add(bhttp::verb::post, "/api/v1/key-cases/{id}/ledger", edit, bind(AddLedger));
    router.Add(bhttp::verb::post, "/api/v1/key-cases/{id}/documents", edit, bind(AddDocument));
    router.Add(bhttp::verb::patch, "/api/v1/key-case-documents/{id}", edit, bind(UpdateDocument));
    router.Add(bhttp::verb::post, "/api/v1/key-cases/{id}/attachments", edit, bind(Upload));
    router.Add(bhttp::verb::get, "/api/v1/key-case-attachments/{id}", read, bind(Download));
}

}  // namespace xinfang::http
