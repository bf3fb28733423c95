// The seed's attachments as files (issue 6): GET /api/v1/reports/attachment-N.{xlsx,pdf}.
// See docs/openapi.yaml ("reports") and docs/reports.md.

#include "http/handlers/report_handlers.h"

#include "core/date.h"
#include "http/api_error.h"
#include "http/handlers/download_support.h"
#include "reports/attachments.h"
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
    }
}

}  // namespace xinfang::http
