#include <map>

#include "core/date.h"
#include "http/api_error.h"
#include "http/handlers/list_support.h"
#include "http/handlers/petition_handlers.h"
#include "http/petition_support.h"

namespace xinfang::http {
namespace bhttp = boost::beast::http;
namespace json = boost::json;
using store::Transaction;
namespace {

constexpr std::int64_t kBoardLimit = 1000;
constexpr std::int64_t kTodoLimit = 200;

struct Tally {
    std::string name;
    int overdue = 0;
    int due_soon = 0;
};

json::array TallyJson(const std::map<std::int64_t, Tally>& tallies, const char* key) {
    json::array out;
    for (const auto& [id, tally] : tallies) {
        out.push_back(json::object{{key, json::object{{"id", id}, {"name", tally.name}}},
                                   {"overdue", tally.overdue},
                                   {"due_soon", tally.due_soon}});
    }
    return out;
}

// The supervision board (督办): what has passed its statutory deadline, what reaches it within
// `due_within` working days, and which units' targets have passed while the law still runs.
Response Board(AppContext& app, RequestContext& ctx) {
    auto within = IntQuery(ctx, "due_within").value_or(app.config.due_soon_working_days);
    if (within < 0 || within > 60) {
        throw ValidationError("validation.invalid", "临期天数应在0到60之间", "due_within");
    }
    core::Date today = Today();
    core::Date horizon = app.calendar.AddWorkingDays(today, static_cast<int>(within));

    Transaction tx(app.db, Transaction::Mode::kRead);
    store::PetitionFilter filter;
    filter.due_on_or_before = horizon.ToString();
    ApplyScope(ctx.principal(), app, tx, filter);
    auto rows = store::ListPetitions(tx, filter, store::PetitionSort::kDueAsc, {0, kBoardLimit});

    json::array overdue, due_soon;
    std::map<std::int64_t, Tally> by_unit, by_leader;
    std::string today_text = today.ToString();
    for (const auto& row : rows) {
        bool late = *row.next_due < today_text;
        (late ? overdue : due_soon).push_back(SummaryJson(row, app, ctx.principal()));
        auto unit_id = row.assigned_unit_id ? row.assigned_unit_id : row.responsible_unit_id;
        auto unit_name = row.assigned_unit_id ? row.assigned_unit_name : row.responsible_unit_name;
        if (unit_id) {
            Tally& t = by_unit[*unit_id];
            t.name = unit_name.value_or("");
            (late ? t.overdue : t.due_soon)++;
        }
        if (row.leader_id) {
            Tally& t = by_leader[*row.leader_id];
            t.name = row.leader_name.value_or("");
            (late ? t.overdue : t.due_soon)++;
        }
    }

    store::PetitionFilter assigned;
    assigned.statuses = {"assigned"};
    assigned.target_before = today_text;
    ApplyScope(ctx.principal(), app, tx, assigned);
    json::array target_overdue;
    for (const auto& row : store::ListPetitions(tx, assigned, store::PetitionSort::kDueAsc,
                                                {0, kBoardLimit})) {
        target_overdue.push_back(SummaryJson(row, app, ctx.principal()));
    }
    return JsonResponse(ctx.request(), 200,
                        json::object{{"today", today_text},
                                     {"due_within", within},
                                     {"overdue", std::move(overdue)},
                                     {"due_soon", std::move(due_soon)},
                                     {"target_overdue", std::move(target_overdue)},
                                     {"by_unit", TallyJson(by_unit, "unit")},
                                     {"by_leader", TallyJson(by_leader, "leader")}});
}

struct TodoRule {
    std::vector<std::string> statuses;
    const char* reason;
};

// What waits on each role, by the state a petition is in.
std::vector<TodoRule> RulesFor(core::Role role) {
    switch (role) {
        case core::Role::kAdmin:
        case core::Role::kCoordinator:
            return {{{"registered"}, "accept"},          {{"accepted"}, "assign"},
                    {{"reported"}, "reply"},             {{"replied"}, "close"},
                    {{"review_requested"}, "decide_review"},
                    {{"rereview_requested"}, "decide_rereview"}};
        case core::Role::kBureau:
        case core::Role::kTown:
            return {{{"assigned"}, "report"}};
        case core::Role::kLeader:
            return {{{"accepted", "assigned", "reported"}, "approve_extension"}};
        case core::Role::kViewer:
            break;
    }
    return {};
}

Response Todo(AppContext& app, RequestContext& ctx) {
    const core::User& user = ctx.principal().user;
    core::Date today = Today();
    std::string horizon =
        app.calendar.AddWorkingDays(today, app.config.due_soon_working_days).ToString();

    Transaction tx(app.db, Transaction::Mode::kRead);
    json::array items;
    auto add = [&](store::PetitionFilter filter, const char* reason) {
        ApplyScope(ctx.principal(), app, tx, filter);
        for (const auto& row :
             store::ListPetitions(tx, filter, store::PetitionSort::kDueAsc, {0, kTodoLimit})) {
            bool overdue = row.next_due && *row.next_due < today.ToString();
            items.push_back(json::object{
                {"petition", SummaryJson(row, app, ctx.principal())}, {"reason", reason}, {"overdue", overdue}});
        }
    };
    for (const auto& rule : RulesFor(user.role)) {
        store::PetitionFilter filter;
        filter.statuses = rule.statuses;
        // A leader is asked about the own groups' matters that are close to their limit.
        if (user.role == core::Role::kLeader) {
            filter.leader_id = user.leader_id.value_or(-1);
            filter.due_on_or_before = horizon;
        }
        add(filter, rule.reason);
    }
    if (user.role == core::Role::kBureau || user.role == core::Role::kTown) {
        store::PetitionFilter filter;
        filter.open_supervision = true;
        add(filter, "answer_supervision");
    }
    return JsonResponse(ctx.request(), 200, json::object{{"items", std::move(items)}});
}

}  // namespace

void AddSupervisionRoutes(Router& router, AppContext& app) {
    Guard read = Guard::Requires(core::Permission::kPetitionsRead);
    router.Add(bhttp::verb::get, "/api/v1/supervision", read,
               [&app](RequestContext& ctx) { return Board(app, ctx); });
    router.Add(bhttp::verb::get, "/api/v1/todo", read,
               [&app](RequestContext& ctx) { return Todo(app, ctx); });
}

}  // namespace xinfang::http
