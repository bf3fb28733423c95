#include "core/key_case.h"
#include "http/api_error.h"
#include "http/audit_support.h"
#include "http/handlers/key_case_handlers.h"
#include "http/handlers/list_support.h"
#include "http/json_body.h"
#include "http/json_view.h"
#include "http/key_case_support.h"
#include "store/org_store.h"

namespace xinfang::http {
namespace bhttp = boost::beast::http;
namespace json = boost::json;
using store::Transaction;
namespace {

constexpr std::size_t kMaxReportChars = 30000;

core::Date Today() { return core::DateOf(core::NowSeconds()); }

core::Unit LoadBureau(Transaction& tx, std::int64_t unit_id) {
    auto unit = store::FindUnit(tx, unit_id);
    if (!unit || !unit->active || unit->kind != core::UnitKind::kEnforcement) {
        throw ValidationError("validation.invalid", "所选单位不是在用的执法局", "unit_id");
    }
    return *unit;
}

void RequireReportWriter(const Principal& principal, std::int64_t unit_id) {
    if (!core::MayWriteMonthlyReport(BindingOf(principal), unit_id)) {
        throw ApiError(403, "monthly_report.not_own", "只能填报本单位的月报");
    }
}

json::array RemindersJson(Transaction& tx, std::int64_t unit_id, const std::string& month) {
    json::array out;
    for (const auto& r : store::ListReminders(tx, unit_id, month)) {
        out.push_back(json::object{{"id", r.id},
                                   {"message", r.message},
                                   {"sent_at", TimeJson(r.sent_at)},
                                   {"sent_by", OptionalJson(r.sent_by_name)}});
    }
    return out;
}

json::object ReportView(Transaction& tx, const store::MonthlyReportRow& row) {
    json::object view = MonthlyReportJson(row, Today());
    view["reminders"] = RemindersJson(tx, row.unit_id, row.month);
    return view;
}

store::MonthlyReportRow LoadReport(Transaction& tx, const Principal& principal, std::int64_t id) {
    auto row = store::FindMonthlyReport(tx, id);
    const core::User& user = principal.user;
    if (!row || (user.role == core::Role::kBureau && user.unit_id != row->unit_id)) {
        throw NotFound("月报不存在");
    }
    return *row;
}

// One row per active enforcement bureau: due date, whether it was submitted on time, late or
// not at all (core::MonthlyReportState), and the reminders sent. A bureau officer sees its own row.
Response Board(AppContext& app, RequestContext& ctx) {
    core::Month month =
        MonthFrom(ctx.Query("month").value_or(core::Month::Of(Today()).ToString()), "month");
    std::string due = core::MonthlyReportDue(month, app.calendar).ToString();
    const core::User& user = ctx.principal().user;
    Transaction tx(app.db, Transaction::Mode::kRead);
    auto reports = store::ListMonthlyReports(tx, month.ToString());
    json::array items;
    json::object counts{{"pending", 0}, {"submitted", 0}, {"late", 0}, {"missing", 0}};
    for (const auto& unit : store::ListUnits(tx, core::UnitKind::kEnforcement)) {
        if (!unit.active) continue;
        if (user.role == core::Role::kBureau && user.unit_id != unit.id) continue;
        const store::MonthlyReportRow* report = nullptr;
        for (const auto& r : reports) {
            if (r.unit_id == unit.id) report = &r;
        }
        std::optional<core::Date> submitted;
        if (report && report->submitted_on) submitted = core::Date::Parse(*report->submitted_on);
        core::ReportState state =
            core::MonthlyReportState(*core::Date::Parse(due), submitted, Today());
        std::string code(core::ReportStateCode(state));
        counts[code] = counts[code].as_int64() + 1;
        json::value report_view = nullptr;
        if (report) {
            report_view = json::object{{"id", report->id},
                                       {"status", report->status},
                                       {"submitted_on", OptionalJson(report->submitted_on)},
                                       {"version", report->version}};
        }
        items.push_back(json::object{
            {"unit", json::object{{"id", unit.id}, {"name", unit.name}}},
            {"due_on", due},
            {"state", code},
            {"report", std::move(report_view)},
            {"reminders", RemindersJson(tx, unit.id, month.ToString())},
        });
    }
    return JsonResponse(ctx.request(), 200,
                        json::object{{"month", month.ToString()},
                                     {"due_on", due},
                                     {"items", std::move(items)},
                                     {"counts", std::move(counts)}});
}

// Drafts the report of a bureau and month from the records, or returns the one already begun.
Response Draft(AppContext& app, RequestContext& ctx) {
    JsonBody body = JsonBody::Parse(ctx.request());
    std::int64_t unit_id = body.RequiredInt("unit_id", "执法局", 1, INT64_MAX);
    core::Month month = MonthFrom(body.RequiredString("month", "月份", 7), "month");
    if (month.First() > Today()) {
        throw ValidationError("validation.future", "不能填报尚未开始的月份", "month");
    }
    Transaction tx(app.db, Transaction::Mode::kWrite);
    core::Unit unit = LoadBureau(tx, unit_id);
    RequireReportWriter(ctx.principal(), unit_id);
    if (auto existing = store::FindMonthlyReportOf(tx, unit_id, month.ToString())) {
        return JsonResponse(ctx.request(), 200, ReportView(tx, *existing));
    }
    store::MonthlyReportRow row;
    row.unit_id = unit_id;
    row.month = month.ToString();
    row.due_on = core::MonthlyReportDue(month, app.calendar).ToString();
    row.body = DraftMonthlyReport(tx, unit_id, unit.name, month);
    row.status = "draft";
    row.created_at = core::NowSeconds();
    row.id = store::InsertMonthlyReport(tx, row);
    RecordAudit(tx, ctx.principal().user, "create", "monthly_report", row.id,
                json::object{{"unit_id", json::array{nullptr, unit_id}},
                             {"month", json::array{nullptr, row.month}}});
    json::object view = ReportView(tx, *store::FindMonthlyReport(tx, row.id));
    tx.Commit();
    return JsonResponse(ctx.request(), 201, view);
}

Response Get(AppContext& app, RequestContext& ctx) {
    std::int64_t id = ParseId(ctx.Param("id"));
    Transaction tx(app.db, Transaction::Mode::kRead);
    return JsonResponse(ctx.request(), 200, ReportView(tx, LoadReport(tx, ctx.principal(), id)));
}

Response Update(AppContext& app, RequestContext& ctx) {
    std::int64_t id = ParseId(ctx.Param("id"));
    JsonBody body = JsonBody::Parse(ctx.request());
    std::int64_t version = RequiredVersion(body);
    std::string text = body.RequiredString("body", "月报正文", kMaxReportChars);
    Transaction tx(app.db, Transaction::Mode::kWrite);
    store::MonthlyReportRow row = LoadReport(tx, ctx.principal(), id);
    RequireReportWriter(ctx.principal(), row.unit_id);
    if (row.status == "submitted")
        throw Conflict("monthly_report.submitted", "月报已报送，不能再修改");
    row.body = text;
    row.version = version;
    row.updated_at = core::NowSeconds();
    if (!store::UpdateMonthlyReport(tx, row)) {
        throw Conflict("conflict.stale_version", "月报已被他人修改，请刷新后重试", "version");
    }
    RecordAudit(tx, ctx.principal().user, "update", "monthly_report", id,
                json::object{{"body", json::array{"…", "…"}}});
    json::object view = ReportView(tx, *store::FindMonthlyReport(tx, id));
    tx.Commit();
    return JsonResponse(ctx.request(), 200, view);
}

Response Submit(AppContext& app, RequestContext& ctx) {
    std::int64_t id = ParseId(ctx.Param("id"));
    JsonBody body = JsonBody::Parse(ctx.request());
    std::int64_t version = RequiredVersion(body);
    Transaction tx(app.db, Transaction::Mode::kWrite);
    store::MonthlyReportRow row = LoadReport(tx, ctx.principal(), id);
    RequireReportWriter(ctx.principal(), row.unit_id);
    if (row.status == "submitted") throw Conflict("monthly_report.submitted", "月报已报送");
    row.status = "submitted";
    row.submitted_on = Today().ToString();
    row.submitted_at = core::NowSeconds();
    row.submitted_by = ctx.principal().user.id;
    row.version = version;
    row.updated_at = *row.submitted_at;
    if (!store::UpdateMonthlyReport(tx, row)) {
        throw Conflict("conflict.stale_version", "月报已被他人修改，请刷新后重试", "version");
    }
    RecordAudit(tx, ctx.principal().user, "submit", "monthly_report", id,
                json::object{{"status", json::array{"draft", "submitted"}},
                             {"submitted_on", json::array{nullptr, *row.submitted_on}}});
    json::object view = ReportView(tx, *store::FindMonthlyReport(tx, id));
    tx.Commit();
    return JsonResponse(ctx.request(), 200, view);
}

Response Remind(AppContext& app, RequestContext& ctx) {
    JsonBody body = JsonBody::Parse(ctx.request());
    std::int64_t unit_id = body.RequiredInt("unit_id", "执法局", 1, INT64_MAX);
    core::Month month = MonthFrom(body.RequiredString("month", "月份", 7), "month");
    std::optional<std::string> message = body.OptionalString("message", "提醒内容", 500);
    Transaction tx(app.db, Transaction::Mode::kWrite);
    core::Unit unit = LoadBureau(tx, unit_id);
    auto report = store::FindMonthlyReportOf(tx, unit_id, month.ToString());
    if (report && report->status == "submitted") {
        throw Conflict("monthly_report.submitted", "该单位本月月报已报送，无需提醒");
    }
    std::string due = core::MonthlyReportDue(month, app.calendar).ToString();
    store::ReminderRow r;
    r.unit_id = unit_id;
    r.month = month.ToString();
    r.message =
        message.value_or("请" + unit.name + "于" + due + "前报送" + std::to_string(month.year) +
                         "年" + std::to_string(month.month) + "月带案下访情况月报。");
    r.sent_at = core::NowSeconds();
    r.sent_by = ctx.principal().user.id;
    r.id = store::InsertReminder(tx, r);
    RecordAudit(tx, ctx.principal().user, "remind", "monthly_report", std::nullopt,
                json::object{{"unit_id", json::array{nullptr, unit_id}},
                             {"month", json::array{nullptr, r.month}}});
    tx.Commit();
    return JsonResponse(ctx.request(), 201,
                        json::object{{"id", r.id},
                                     {"unit", json::object{{"id", unit.id}, {"name", unit.name}}},
                                     {"month", r.month},
                                     {"message", r.message},
                                     {"sent_at", TimeJson(r.sent_at)}});
}

}  // namespace

void AddMonthlyReportRoutes(Router& router, AppContext& app) {
    Guard read = Guard::Requires(core::Permission::kMonthlyReportsRead);
    Guard write = Guard::Requires(core::Permission::kMonthlyReportsWrite);
    Guard remind = Guard::Requires(core::Permission::kMonthlyReportsRemind);
    auto bind = [&app](Response (*handler)(AppContext&, RequestContext&)) {
        return [&app, handler](RequestContext& ctx) { return handler(app, ctx); };
    };
    router.Add(bhttp::verb::get, "/api/v1/monthly-reports", read, bind(Board));
    router.Add(bhttp::verb::post, "/api/v1/monthly-reports", write, bind(Draft));
    router.Add(bhttp::verb::post, "/api/v1/monthly-reports/reminders", remind, bind(Remind));
    router.Add(bhttp::verb::get, "/api/v1/monthly-reports/{id}", read, bind(Get));
    router.Add(bhttp::verb::patch, "/api/v1/monthly-reports/{id}", write, bind(Update));
    router.Add(bhttp::verb::post, "/api/v1/monthly-reports/{id}/submit", write, bind(Submit));
}

}  // namespace xinfang::http
