// The seed's attachments as files (issue 6): GET /api/v1/reports/attachment-N.{xlsx,pdf}.
// See docs/openapi.yaml ("reports") and docs/reports.md.

#include "http/handlers/report_handlers.h"

#include "core/date.h"
#include "core/petition.h"
#include "http/api_error.h"
#include "http/handlers/download_support.h"
#include "http/handlers/list_support.h"
#include "reports/attachments.h"
#include "store/field_visit_store.h"
#include "store/key_case_store.h"
#include "store/org_store.h"
#include "store/reception_store.h"

namespace xinfang::http {
namespace bhttp = boost::beast::http;
using store::Transaction;
namespace {

int YearQuery(const RequestContext& ctx) {
    auto text = ctx.Query("year");
    if (!text) return core::DateOf(core::NowSeconds()).year();
    if (text->size() == 4 && std::all_of(text->begin(), text->end(), ::isdigit)) {
        int year = std::stoi(*text);
        if (year >= 2000 && year <= 2100) return year;
    }
    throw ValidationError("validation.invalid", "年份应为2000到2100之间的整数", "year");
}

// 备注 of a day: where it was moved from and the section's own note.
std::string DayNote(const store::ReceptionDayRow& day) {
    std::string note;
    if (day.moved_from) note = "原定 " + reports::SeedDate(*day.moved_from) + "，已调整";
    if (day.note && !day.note->empty()) note += (note.empty() ? "" : "；") + *day.note;
    return note;
}

reports::TitledTable LoadAttachment1(AppContext& app, int year) {
    Transaction tx(app.db, Transaction::Mode::kRead);
    std::string y = std::to_string(year);
    std::vector<reports::ScheduleEntry> entries;
    for (const auto& day : store::ListReceptionDays(tx, y + "-01-01", y + "-12-31", false)) {
        reports::ScheduleEntry entry{day.date, {}, DayNote(day)};
        for (const auto& leader : day.leaders) entry.leaders.push_back(leader.name);
        entries.push_back(std::move(entry));
    }
    return reports::Attachment1(year, entries);
}

// `month` as YYYY-MM; 400 naming it otherwise.
std::pair<int, int> MonthQuery(const RequestContext& ctx) {
    auto text = ctx.Query("month").value_or("");
    auto date = core::Date::Parse(text + "-01");
    if (text.size() != 7 || !date) {
        throw ValidationError("validation.invalid", "月份格式应为 YYYY-MM", "month");
    }
    return {date->year(), date->month()};
}

reports::TitledTable LoadAttachment2(AppContext& app, const RequestContext& ctx) {
    auto [year, month] = MonthQuery(ctx);
    char month_text[8];
    std::snprintf(month_text, sizeof month_text, "%04d-%02d", year, month);
    store::FieldVisitFilter filter;
    filter.month = month_text;
    filter.group_id = IntQuery(ctx, "group_id");

    Transaction tx(app.db, Transaction::Mode::kRead);
    std::string group_name;
    if (filter.group_id) {
        auto group = store::FindGroup(tx, *filter.group_id);
        if (!group) throw ValidationError("validation.invalid", "所选包案小组不存在", "group_id");
        group_name = group->name;
    }
    std::vector<reports::VisitEntry> visits;
    for (const auto& v : store::ListFieldVisits(tx, filter)) {
        reports::VisitEntry entry;
        for (const auto& r : v.regions) entry.regions.push_back(r.name);
        entry.leader = v.leader_name;
        entry.participants = v.participants;
        for (const auto& m : v.matters) {
            if (m.key_case_location) {
                entry.matters.push_back(*m.key_case_location);
            } else if (m.petition_summary) {
                entry.matters.push_back(m.petition_code.value_or("") + " " + *m.petition_summary);
            }
        }
        entry.inspection_time = v.inspection_time.empty() ? v.visit_on : v.inspection_time;
        entry.findings = v.findings;
        for (const auto& r : v.requirements) {
            entry.requirements.push_back(r.content + "（" + reports::SeedDate(r.deadline) + "前）");
        }
        visits.push_back(std::move(entry));
    }
    return reports::Attachment2(year, month, group_name, visits);
}

reports::TitledTable LoadAttachment3(AppContext& app, int year) {
    Transaction tx(app.db, Transaction::Mode::kRead);
    std::vector<reports::KeyCaseEntry> cases;
    store::Page all{0, 100000};
    for (const auto& k : store::ListKeyCases(tx, {}, all)) {
        auto level = core::ParseLevel(k.level);
        std::string label = level ? std::string(core::LabelZh(*level)) : k.level;
        cases.push_back({k.seq, k.region_name, label + k.level_note, k.location, k.situation,
                         k.recommendation, k.leader_name});
    }
    return reports::Attachment3(year, cases);
}

enum class Format { kXlsx, kPdf };

Response Send(RequestContext& ctx, const reports::TitledTable& table, Format format,
              const std::string& ascii_stem) {
    std::string name = table.title;
    std::erase(name, ' ');
    if (format == Format::kXlsx) {
        return FileResponse(ctx.request(), kXlsxType, ascii_stem + ".xlsx", name + ".xlsx",
                            reports::ToXlsx(table));
    }
    return FileResponse(ctx.request(), kPdfType, ascii_stem + ".pdf", name + ".pdf",
                        reports::ToPdf(table), DispositionOf(ctx));
}

}  // namespace

void AddReportRoutes(Router& router, AppContext& app) {
    Guard read = Guard::Requires(core::Permission::kReportsRead);
    for (Format format : {Format::kXlsx, Format::kPdf}) {
        std::string ext = format == Format::kXlsx ? ".xlsx" : ".pdf";
        router.Add(bhttp::verb::get, "/api/v1/reports/attachment-1" + ext, read,
                   [&app, format](RequestContext& ctx) {
                       int year = YearQuery(ctx);
                       return Send(ctx, LoadAttachment1(app, year), format,
                                   "attachment-1-" + std::to_string(year));
                   });
        router.Add(bhttp::verb::get, "/api/v1/reports/attachment-2" + ext, read,
                   [&app, format](RequestContext& ctx) {
                       // Loading validates `month` before it goes into the file name.
                       reports::TitledTable table = LoadAttachment2(app, ctx);
                       return Send(ctx, table, format,
                                   "attachment-2-" + ctx.Query("month").value_or(""));
                   });
        router.Add(bhttp::verb::get, "/api/v1/reports/attachment-3" + ext, read,
                   [&app, format](RequestContext& ctx) {
                       int year = YearQuery(ctx);
                       return Send(ctx, LoadAttachment3(app, year), format,
                                   "attachment-3-" + std::to_string(year));
                   });
    }
}

}  // namespace xinfang::http
