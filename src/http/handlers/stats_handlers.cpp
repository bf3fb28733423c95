// Statistics (issue 6): GET /api/v1/stats and its exports. See docs/openapi.yaml ("stats") and
// docs/reports.md for what each count and rate means.

#include "http/handlers/stats_handlers.h"

#include <map>

#include "core/date.h"
#include "core/key_case.h"
#include "core/petition.h"
#include "core/stats.h"
#include "http/api_error.h"
#include "http/handlers/download_support.h"
#include "http/handlers/list_support.h"
#include "http/petition_support.h"
#include "reports/attachments.h"
#include "reports/csv.h"
#include "store/stats_store.h"

namespace xinfang::http {
namespace bhttp = boost::beast::http;
namespace json = boost::json;
using store::StatsDimension;
using store::Transaction;
namespace {

// The step groups with their pauses read, so that a paused clock counts as the petition's own
// deadline does.
std::vector<core::StepDays> WithPauses(std::vector<store::StepGroup> groups) {
    std::vector<core::StepDays> out;
    out.reserve(groups.size());
    for (auto& group : groups) {
        group.step.paused = ParsePauses(group.pauses_json);
        out.push_back(std::move(group.step));
    }
    return out;
}

struct Item {
    std::string key;
    std::string label;
    std::int64_t count = 0;
};

struct StatsTable {
    std::string name;   // by_region, …
    std::string title;  // 按区镇
    std::string key_title;
    std::vector<Item> items;
};

struct NamedRate {
    std::string name;
    std::string title;
    core::Rate rate;
};

struct Stats {
    std::int64_t total = 0;
    std::vector<StatsTable> tables;
    std::vector<NamedRate> rates;
    std::vector<std::string> statuses;  // columns of the leaders' table
    struct LeaderRow {
        std::string leader_id, leader;
        std::map<std::string, std::int64_t> counts;
        std::int64_t total = 0;
    };
    std::vector<LeaderRow> leaders;
    std::vector<std::string> stages;  // columns of the key cases' table
    std::vector<LeaderRow> key_cases;
};

template <typename T>
std::optional<std::string> CodeQuery(const RequestContext& ctx, std::string_view name,
                                     std::optional<T> (*parse)(std::string_view)) {
    auto text = ctx.Query(name);
    if (!text || text->empty()) return std::nullopt;
    if (!parse(*text)) {
        throw ValidationError("validation.invalid", "参数" + std::string(name) + "的取值不正确",
                              std::string(name));
    }
    return text;
}

std::optional<core::Date> DateQuery(const RequestContext& ctx, std::string_view name) {
    auto text = ctx.Query(name);
    if (!text || text->empty()) return std::nullopt;
    auto date = core::Date::Parse(*text);
    if (!date) {
        throw ValidationError("validation.invalid", "日期格式应为 YYYY-MM-DD", std::string(name));
    }
    return date;
}

store::StatsFilter FilterFromQuery(const RequestContext& ctx) {
    store::StatsFilter f;
    auto from = DateQuery(ctx, "from");
    auto to = DateQuery(ctx, "to");
    if (from && to && to->DaysSinceEpoch() < from->DaysSinceEpoch()) {
        throw ValidationError("validation.invalid", "结束日期不能早于开始日期", "to");
    }
    if (from) f.received_from = core::StartOfDay(*from);
    if (to) f.received_before = core::StartOfDay(to->AddDays(1));
    f.region_id = IntQuery(ctx, "region_id");
    f.group_id = IntQuery(ctx, "group_id");
    f.level = CodeQuery(ctx, "level", core::ParseLevel);
    f.source = CodeQuery(ctx, "source", core::ParseSource);
    f.channel = CodeQuery(ctx, "channel", core::ParseChannel);
    f.pollution_type = CodeQuery(ctx, "pollution_type", core::ParsePollutionType);
    f.status = CodeQuery(ctx, "status", core::ParsePetitionStatus);
    return f;
}

std::string LabelOf(StatsDimension dimension, const std::string& code) {
    auto label = [&](auto parsed) -> std::string {
        return parsed ? std::string(core::LabelZh(*parsed)) : code;
    };
    switch (dimension) {
        case StatsDimension::kPollutionType:
            return label(core::ParsePollutionType(code));
        case StatsDimension::kLevel:
            return label(core::ParseLevel(code));
        case StatsDimension::kSource:
            return label(core::ParseSource(code));
        case StatsDimension::kChannel:
            return label(core::ParseChannel(code));
        case StatsDimension::kStatus:
            return label(core::ParsePetitionStatus(code));
        default:
            return code;
    }
}

StatsTable Breakdown(const store::StatsScan& scan, StatsDimension dimension, std::string name,
                     std::string title, std::string key_title) {
    StatsTable table{std::move(name), std::move(title), std::move(key_title), {}};
    for (const auto& k : scan.CountBy(dimension)) {
        std::string label = k.name.empty() ? LabelOf(dimension, k.key) : k.name;
        if (label.empty()) label = "未分配";
        table.items.push_back({k.key, label, k.count});
    }
    return table;
}

core::Rate Ratio(std::int64_t numerator, std::int64_t denominator) {
    return {numerator, denominator};
}

// Rows of "leader_id|column" counts, one per leader in the order met.
std::vector<Stats::LeaderRow> ByLeader(const std::vector<store::KeyCount>& counts) {
    std::vector<Stats::LeaderRow> rows;
    std::map<std::string, std::size_t> row_of;
    for (const auto& k : counts) {
        std::size_t bar = k.key.find('|');
        std::string leader_id = k.key.substr(0, bar);
        auto [it, added] = row_of.emplace(leader_id, rows.size());
        if (added) rows.push_back({leader_id, k.name.empty() ? "未分配" : k.name, {}, 0});
        rows[it->second].counts[k.key.substr(bar + 1)] += k.count;
        rows[it->second].total += k.count;
    }
    return rows;
}

Stats Compute(AppContext& app, const store::StatsFilter& filter) {
    Transaction tx(app.db, Transaction::Mode::kRead);
    Stats s;
    store::StatsScan scan(tx, filter, Today().ToString());
    s.total = scan.total();

    StatsTable months{"by_month", "按月份", "月份", {}};
    for (const auto& m : core::ByMonth(scan.ReceivedDays())) {
        months.items.push_back({m.month, m.month, m.count});
    }
    s.tables.push_back(std::move(months));
    s.tables.push_back(Breakdown(scan, StatsDimension::kRegion, "by_region", "按区镇", "区镇"));
    s.tables.push_back(
        Breakdown(scan, StatsDimension::kGroup, "by_group", "按包案小组", "包案小组"));
    s.tables.push_back(Breakdown(scan, StatsDimension::kPollutionType, "by_pollution_type",
                                 "按污染类型", "污染类型"));
    s.tables.push_back(
        Breakdown(scan, StatsDimension::kLevel, "by_level", "按信访层级", "信访层级"));
    s.tables.push_back(
        Breakdown(scan, StatsDimension::kSource, "by_source", "按事项来源", "事项来源"));
    s.tables.push_back(
        Breakdown(scan, StatsDimension::kChannel, "by_channel", "按信访渠道", "信访渠道"));
    s.tables.push_back(
        Breakdown(scan, StatsDimension::kStatus, "by_status", "按办理状态", "办理状态"));

    const core::TimeLimits& limits = app.config.limits;
    const store::StatusCounts& counts = scan.statuses();
    s.rates = {
        {"on_time_acceptance", "按期受理率",
         core::OnTimeRate(WithPauses(scan.AcceptanceSteps()), limits.acceptance_notice_days,
                          core::DeadlineKind::kAcceptanceNotice, app.calendar)},
        {"on_time_completion", "按期办结率",
         core::OnTimeRate(WithPauses(scan.CompletionSteps()), limits.handling_days,
                          core::DeadlineKind::kHandling, app.calendar)},
        {"overdue", "超期率", Ratio(counts.overdue, counts.running)},
        {"satisfaction", "满意率", Ratio(counts.satisfied, counts.rated)},
        {"repeat", "重复访比例", Ratio(counts.repeat, s.total)},
    };

    s.leaders = ByLeader(scan.CountByLeaderAndStatus());
    for (core::PetitionStatus status : core::AllPetitionStatuses()) {
        s.statuses.emplace_back(core::Code(status));
    }
    s.key_cases = ByLeader(store::CountKeyCasesByLeaderAndStage(tx));
    for (core::KeyCaseStage stage : core::AllKeyCaseStages()) {
        s.stages.emplace_back(core::KeyCaseStageCode(stage));
    }
    return s;
}

json::value RateJson(const core::Rate& rate) {
    return json::object{
        {"numerator", rate.numerator}, {"denominator", rate.denominator}, {"value", rate.value()}};
}

Response Get(AppContext& app, RequestContext& ctx) {
    Stats s = Compute(app, FilterFromQuery(ctx));
    json::object tables;
    for (const auto& t : s.tables) {
        json::array items;
        for (const auto& i : t.items) {
            items.push_back(json::object{{"key", i.key}, {"label", i.label}, {"count", i.count}});
        }
        tables[t.name] = std::move(items);
    }
    json::object rates;
    for (const auto& r : s.rates) rates[r.name] = RateJson(r.rate);
    auto leader_rows = [](const std::vector<Stats::LeaderRow>& rows) {
        json::array out;
        for (const auto& row : rows) {
            json::object counts;
            for (const auto& [column, n] : row.counts) counts[column] = n;
            out.push_back(json::object{
                {"leader_id", row.leader_id.empty() ? json::value(nullptr)
                                                    : json::value(std::stoll(row.leader_id))},
                {"leader", row.leader},
                {"counts", std::move(counts)},
                {"total", row.total}});
        }
        return out;
    };
    return JsonResponse(ctx.request(), 200,
                        json::object{{"total", s.total},
                                     {"tables", std::move(tables)},
                                     {"rates", std::move(rates)},
                                     {"leaders_by_status", leader_rows(s.leaders)},
                                     {"key_cases_by_stage", leader_rows(s.key_cases)}});
}

// The tables of the statistics as titled tables: one per breakdown, the rates, the leaders'.
std::vector<reports::TitledTable> AsTables(const Stats& s) {
    std::vector<reports::TitledTable> out;
    for (const auto& t : s.tables) {
        reports::TitledTable sheet;
        sheet.name = t.title;
        sheet.title = "信访件统计（" + t.title + "）";
        sheet.table.column_widths = {14, 8};
        sheet.table.header_rows = {
            {reports::TableCell::Text(t.key_title), reports::TableCell::Text("件数")}};
        for (const auto& i : t.items) {
            sheet.table.body_rows.push_back(
                {reports::TableCell::Text(i.label), reports::TableCell::Number(i.count)});
        }
        sheet.table.body_rows.push_back(
            {reports::TableCell::Text("合计"), reports::TableCell::Number(s.total)});
        out.push_back(std::move(sheet));
    }
    reports::TitledTable rates;
    rates.name = "比率";
    rates.title = "信访件统计（比率）";
    rates.table.column_widths = {10, 6, 6, 6};
    rates.table.header_rows = {{reports::TableCell::Text("指标"), reports::TableCell::Text("分子"),
                                reports::TableCell::Text("分母"),
                                reports::TableCell::Text("比率")}};
    for (const auto& r : s.rates) {
        rates.table.body_rows.push_back({reports::TableCell::Text(r.title),
                                         reports::TableCell::Number(r.rate.numerator),
                                         reports::TableCell::Number(r.rate.denominator),
                                         reports::TableCell::Number(r.rate.value())});
    }
    out.push_back(std::move(rates));

    reports::TitledTable leaders;
    leaders.name = "包案领导";
    leaders.title = "信访件统计（包案领导 × 办理状态）";
    leaders.orientation = reports::PageOrientation::kLandscape;
    leaders.table.column_widths.push_back(6);
    reports::TableRow header{reports::TableCell::Text("包案领导")};
    for (const auto& status : s.statuses) {
        leaders.table.column_widths.push_back(4);
        header.push_back(reports::TableCell::Text(
            std::string(core::LabelZh(*core::ParsePetitionStatus(status)))));
    }
    leaders.table.column_widths.push_back(4);
    header.push_back(reports::TableCell::Text("合计"));
    leaders.table.header_rows = {header};
    for (const auto& row : s.leaders) {
        reports::TableRow cells{reports::TableCell::Text(row.leader)};
        for (const auto& status : s.statuses) {
            auto it = row.counts.find(status);
            cells.push_back(reports::TableCell::Number(it == row.counts.end() ? 0 : it->second));
        }
        cells.push_back(reports::TableCell::Number(row.total));
        leaders.table.body_rows.push_back(std::move(cells));
    }
    out.push_back(std::move(leaders));

    reports::TitledTable cases;
    cases.name = "重点信访问题";
    cases.title = "重点信访问题（包案领导 × 化解阶段）";
    cases.table.column_widths = {6};
    reports::TableRow case_header{reports::TableCell::Text("包案领导")};
    for (const auto& stage : s.stages) {
        cases.table.column_widths.push_back(5);
        case_header.push_back(reports::TableCell::Text(
            std::string(core::KeyCaseStageLabelZh(*core::ParseKeyCaseStage(stage)))));
    }
    cases.table.column_widths.push_back(4);
    case_header.push_back(reports::TableCell::Text("合计"));
    cases.table.header_rows = {case_header};
    for (const auto& row : s.key_cases) {
        reports::TableRow cells{reports::TableCell::Text(row.leader)};
        for (const auto& stage : s.stages) {
            auto it = row.counts.find(stage);
            cells.push_back(reports::TableCell::Number(it == row.counts.end() ? 0 : it->second));
        }
        cells.push_back(reports::TableCell::Number(row.total));
        cases.table.body_rows.push_back(std::move(cells));
    }
    out.push_back(std::move(cases));
    return out;
}

Response ExportXlsx(AppContext& app, RequestContext& ctx) {
    Stats s = Compute(app, FilterFromQuery(ctx));
    return FileResponse(ctx.request(), kXlsxType, "stats.xlsx", "信访件统计.xlsx",
                        reports::WriteXlsx(AsTables(s)));
}

// One table as CSV: `table` names it (by_region, …, rates, leaders_by_status).
Response ExportCsv(AppContext& app, RequestContext& ctx) {
    std::string name = ctx.Query("table").value_or("");
    Stats s = Compute(app, FilterFromQuery(ctx));
    auto tables = AsTables(s);
    std::vector<std::string> names;
    for (const auto& t : s.tables) names.push_back(t.name);
    names.push_back("rates");
    names.push_back("leaders_by_status");
    names.push_back("key_cases_by_stage");
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (names[i] == name) {
            return FileResponse(ctx.request(), kCsvType, "stats-" + name + ".csv",
                                tables[i].title + ".csv", reports::TableCsv(tables[i].table));
        }
    }
    throw ValidationError("validation.invalid", "参数table应为统计表的名称（如 by_region）",
                          "table");
}

}  // namespace

void AddStatsRoutes(Router& router, AppContext& app) {
    Guard read = Guard::Requires(core::Permission::kReportsRead);
    router.Add(bhttp::verb::get, "/api/v1/stats", read,
               [&app](RequestContext& ctx) { return Get(app, ctx); });
    router.Add(bhttp::verb::get, "/api/v1/stats/export.xlsx", read,
               [&app](RequestContext& ctx) { return ExportXlsx(app, ctx); });
    router.Add(bhttp::verb::get, "/api/v1/stats/export.csv", read,
               [&app](RequestContext& ctx) { return ExportCsv(app, ctx); });
}

}  // namespace xinfang::http
