// Printed notices (issue 6): the templates the administrator edits, and the notices issued for a
// petition, numbered per kind and year, kept as printed and rendered as PDF letters.
// See docs/openapi.yaml ("notices") and docs/reports.md.

#include "http/handlers/notice_handlers.h"

#include <map>

#include "core/date.h"
#include "core/notice.h"
#include "http/api_error.h"
#include "http/audit_support.h"
#include "http/handlers/download_support.h"
#include "http/json_body.h"
#include "http/petition_support.h"
#include "reports/notice_pdf.h"
#include "store/notice_store.h"
#include "store/org_store.h"

namespace xinfang::http {
namespace bhttp = boost::beast::http;
namespace json = boost::json;
using store::Transaction;
namespace {

json::object TemplateJson(const store::NoticeTemplateRow& row) {
    const core::NoticeTemplate& t = row.text;
    return json::object{{"kind", t.kind},           {"name", t.name},
                        {"title", t.title},         {"number_prefix", t.number_prefix},
                        {"addressee", t.addressee}, {"fields", t.fields},
                        {"body", t.body},           {"cc", t.cc},
                        {"version", row.version},   {"updated_at", row.updated_at}};
}

json::array PlaceholdersJson() {
    json::array out;
    for (const auto& [name, label] : core::NoticePlaceholders()) {
        out.push_back(json::object{{"name", name}, {"label", label}});
    }
    return out;
}

std::string KindParam(const RequestContext& ctx) {
    std::string kind(ctx.Param("kind"));
    if (!core::IsNoticeKind(kind)) throw NotFound("没有这种文书");
    return kind;
}

Response ListTemplates(AppContext& app, RequestContext& ctx) {
    Transaction tx(app.db, Transaction::Mode::kRead);
    json::array items;
    for (const auto& row : store::ListNoticeTemplates(tx)) items.push_back(TemplateJson(row));
    return JsonResponse(
        ctx.request(), 200,
        json::object{{"items", std::move(items)}, {"placeholders", PlaceholdersJson()}});
}

Response GetTemplate(AppContext& app, RequestContext& ctx) {
    std::string kind = KindParam(ctx);
    Transaction tx(app.db, Transaction::Mode::kRead);
    auto row = store::FindNoticeTemplate(tx, kind);
    if (!row) throw NotFound("没有这种文书");
    return JsonResponse(ctx.request(), 200, TemplateJson(*row));
}

// A template part that many kinds leave empty (the form rows, 抄送): "" is a value here.
std::string TextThatMayBeEmpty(const JsonBody& body, std::string_view name, std::string_view label,
                               std::size_t max_chars) {
    const json::value* value = body.object().if_contains(name);
    if (value && value->is_string() && value->as_string().empty()) return "";
    return body.OptionalString(name, label, max_chars).value_or("");
}

Response PutTemplate(AppContext& app, RequestContext& ctx) {
    std::string kind = KindParam(ctx);
    JsonBody body = JsonBody::Parse(ctx.request());
    std::int64_t version = body.RequiredInt("version", "版本", 1, INT64_MAX);
    core::NoticeTemplate t;
    t.kind = kind;
    t.name = body.RequiredString("name", "文书名称", 30);
    t.title = body.RequiredString("title", "标题", 60);
    t.number_prefix = body.RequiredString("number_prefix", "文号前缀", 20);
    t.addressee = body.RequiredString("addressee", "主送", 100);
    t.fields = TextThatMayBeEmpty(body, "fields", "表格栏目", 4000);
    t.body = body.RequiredString("body", "正文", 8000);
    t.cc = TextThatMayBeEmpty(body, "cc", "抄送", 200);
    auto problems = core::TemplateProblems(t);
    if (!problems.empty()) throw ValidationError("validation.template", problems.front(), "body");

    Transaction tx(app.db, Transaction::Mode::kWrite);
    auto before = store::FindNoticeTemplate(tx, kind);
    if (!before) throw NotFound("没有这种文书");
    store::NoticeTemplateRow row{t, version, core::NowSeconds(), ctx.principal().user.id};
    if (!store::UpdateNoticeTemplate(tx, row)) {
        throw Conflict("conflict.stale_version", "模板已被他人修改，请刷新后重试", "version");
    }
    auto after = store::FindNoticeTemplate(tx, kind);
    RecordAudit(tx, ctx.principal().user, "update", "notice_template", std::nullopt,
                Changes(TemplateJson(*before), TemplateJson(*after)));
    tx.Commit();
    return JsonResponse(ctx.request(), 200, TemplateJson(*after));
}

// ---------------------------------------------------------------------------------------------
// Issued notices.

std::string DateText(std::optional<std::int64_t> at) {
    return at ? core::ChineseDate(core::DateOf(*at).ToString()) : "";
}

std::string Issuer(Transaction& tx) {
    auto bureaus = store::ListUnits(tx, core::UnitKind::kBureau);
    return bureaus.empty() ? std::string() : bureaus.front().name;
}

// The petitioner as a letter addresses them: the representative, "等N人" for a group.
std::string Addressee(Transaction& tx, AppContext& app, const store::PetitionRow& row) {
    auto petitioners = store::ListPetitioners(tx, row.id);
    if (petitioners.empty()) return "";
    const store::PetitionerRow* chosen = &petitioners.front();
    for (const auto& p : petitioners) {
        if (p.representative) chosen = &p;
    }
    auto name = app.field_key.Decrypt(chosen->name_enc, "petitioner.name");
    std::string out = name.value_or(chosen->name_masked);
    if (row.people_count > 1) out += "等" + std::to_string(row.people_count) + "人";
    return out;
}

std::map<std::string, std::string> ValuesOf(Transaction& tx, AppContext& app,
                                            const store::PetitionRow& row) {
    std::map<std::string, std::string> v;
    v["issuer"] = Issuer(tx);
    v["code"] = row.code;
    v["petitioner"] = Addressee(tx, app, row);
    v["received_date"] = DateText(row.received_at);
    v["accepted_date"] = DateText(row.accepted_at);
    v["assigned_date"] = DateText(row.assigned_at);
    v["review_requested_date"] = DateText(row.review_requested_at);
    v["region"] = row.region_name;
    v["location"] = row.location;
    v["respondent"] = row.respondent;
    v["summary"] = row.summary;
    v["demand"] = row.demand;
    v["decline_reason"] = row.decline_reason.value_or("");
    if (row.forwarded_to) {
        v["forwarded_to_sentence"] =
            "该事项已转送" + *row.forwarded_to + "办理，请你（们）与其联系。";
    }
    v["assigned_unit"] = row.assigned_unit_name.value_or(row.responsible_unit_name.value_or(""));
    v["requirements"] = row.assignment_requirements.value_or("");
    v["due_date"] = row.next_due ? core::ChineseDate(*row.next_due) : "";
    v["leader"] = row.leader_name.value_or("");
    v["findings"] = row.findings.value_or("");
    v["reply"] = row.reply_content.value_or("");
    if (row.extension_days > 0) v["extension_days"] = std::to_string(row.extension_days);
    v["extension_reason"] = row.extension_reason.value_or("");
    auto supervision = store::ListNotices(tx, row.id);
    if (!supervision.empty()) {
        v["supervision"] = supervision.back().content;
        if (supervision.back().deadline) {
            v["supervision_deadline"] = core::ChineseDate(*supervision.back().deadline);
        }
    }
    return v;
}

json::object FilledJson(const core::FilledNotice& n) {
    json::array fields, paragraphs;
    for (const auto& [label, value] : n.fields) fields.push_back(json::array{label, value});
    for (const auto& p : n.paragraphs) paragraphs.push_back(json::string(p));
    return json::object{{"issuer", n.issuer},
                        {"title", n.title},
                        {"number", n.number},
                        {"addressee", n.addressee},
                        {"fields", std::move(fields)},
                        {"paragraphs", std::move(paragraphs)},
                        {"date", n.date},
                        {"cc", n.cc}};
}

core::FilledNotice FilledFrom(const std::string& content) {
    json::object o = json::parse(content).as_object();
    core::FilledNotice n;
    n.issuer = o["issuer"].as_string();
    n.title = o["title"].as_string();
    n.number = o["number"].as_string();
    n.addressee = o["addressee"].as_string();
    for (const auto& f : o["fields"].as_array()) {
        n.fields.emplace_back(f.as_array()[0].as_string(), f.as_array()[1].as_string());
    }
    for (const auto& p : o["paragraphs"].as_array()) n.paragraphs.emplace_back(p.as_string());
    n.date = o["date"].as_string();
    n.cc = o["cc"].as_string();
    return n;
}

json::object DocumentJson(const store::PetitionDocumentRow& row) {
    json::object content = json::parse(row.content).as_object();
    return json::object{{"id", row.id},
                        {"petition_id", row.petition_id},
                        {"kind", row.kind},
                        {"number", row.number},
                        {"issued_on", row.issued_on},
                        {"issued_at", row.issued_at},
                        {"title", content["title"]},
                        {"content", std::move(content)}};
}

Response Issue(AppContext& app, RequestContext& ctx) {
    std::int64_t id = ParseId(ctx.Param("id"));
    JsonBody body = JsonBody::Parse(ctx.request());
    std::string kind = body.RequiredString("kind", "文书种类", 40);
    if (!core::IsNoticeKind(kind))
        throw ValidationError("validation.invalid", "文书种类不正确", "kind");
    core::Date date = Today();
    if (auto text = body.OptionalString("issued_on", "成文日期", 10)) {
        auto parsed = core::Date::Parse(*text);
        if (!parsed)
            throw ValidationError("validation.invalid", "成文日期格式应为 YYYY-MM-DD", "issued_on");
        date = *parsed;
    }

    Transaction tx(app.db, Transaction::Mode::kWrite);
    store::PetitionRow petition = LoadVisiblePetition(tx, app, ctx.principal(), id);
    auto t = store::FindNoticeTemplate(tx, kind);
    if (!t) throw NotFound("没有这种文书");
    store::PetitionDocumentRow row;
    row.petition_id = id;
    row.kind = kind;
    row.year = date.year();
    row.sequence = store::NextDocumentSequence(tx, kind, row.year);
    row.number = core::NoticeNumber(t->text.number_prefix, row.year, row.sequence);
    row.issued_on = date.ToString();
    auto values = ValuesOf(tx, app, petition);
    values["number"] = row.number;
    values["date"] = core::ChineseDate(row.issued_on);
    row.content = json::serialize(FilledJson(core::FillNotice(t->text, values)));
    row.issued_at = core::NowSeconds();
    row.issued_by = ctx.principal().user.id;
    row.id = store::InsertPetitionDocument(tx, row);
    // The letter names the petitioner in clear, so issuing it is also a reveal.
    RecordAudit(tx, ctx.principal().user, "issue_notice", "petition", id,
                json::object{{"notice", json::array{nullptr, row.number}},
                             {"kind", json::array{nullptr, kind}}});
    tx.Commit();
    return JsonResponse(ctx.request(), 201, DocumentJson(row));
}

Response ListIssued(AppContext& app, RequestContext& ctx) {
    std::int64_t id = ParseId(ctx.Param("id"));
    Transaction tx(app.db, Transaction::Mode::kRead);
    LoadVisiblePetition(tx, app, ctx.principal(), id);
    json::array items;
    for (const auto& row : store::ListPetitionDocuments(tx, id)) items.push_back(DocumentJson(row));
    return JsonResponse(ctx.request(), 200, json::object{{"items", std::move(items)}});
}

Response IssuedPdf(AppContext& app, RequestContext& ctx) {
    std::int64_t id = ParseId(ctx.Param("id"));
    std::int64_t notice_id = ParseId(ctx.Param("notice_id"));
    Transaction tx(app.db, Transaction::Mode::kRead);
    LoadVisiblePetition(tx, app, ctx.principal(), id);
    auto row = store::FindPetitionDocument(tx, notice_id);
    if (!row || row->petition_id != id) throw NotFound("文书不存在");
    core::FilledNotice notice = FilledFrom(row->content);
    return FileResponse(ctx.request(), kPdfType, "notice-" + std::to_string(row->id) + ".pdf",
                        notice.title + "-" + row->number + ".pdf", reports::NoticePdf(notice),
                        DispositionOf(ctx));
}

}  // namespace

void AddNoticeRoutes(Router& router, AppContext& app) {
    Guard print = Guard::Requires(core::Permission::kNoticesPrint);
    Guard write = Guard::Requires(core::Permission::kTemplatesWrite);
    auto bind = [&app](Response (*fn)(AppContext&, RequestContext&)) {
        return [&app, fn](RequestContext& ctx) { return fn(app, ctx); };
    };
    router.Add(bhttp::verb::get, "/api/v1/notice-templates", print, bind(ListTemplates));
    router.Add(bhttp::verb::get, "/api/v1/notice-templates/{kind}", print, bind(GetTemplate));
    router.Add(bhttp::verb::put, "/api/v1/notice-templates/{kind}", write, bind(PutTemplate));
    router.Add(bhttp::verb::get, "/api/v1/petitions/{id}/notices", print, bind(ListIssued));
    router.Add(bhttp::verb::post, "/api/v1/petitions/{id}/notices", print, bind(Issue));
    router.Add(bhttp::verb::get, "/api/v1/petitions/{id}/notices/{notice_id}/pdf", print,
               bind(IssuedPdf));
}

}  // namespace xinfang::http
