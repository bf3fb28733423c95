#include "http/handlers/reference_handlers.h"

#include <charconv>

#include "core/org.h"
#include "core/petition.h"
#include "core/workflow.h"
#include "http/api_error.h"
#include "http/handlers/list_support.h"
#include "http/json_view.h"
#include "store/audit_store.h"

namespace xinfang::http {
namespace bhttp = boost::beast::http;
namespace json = boost::json;
namespace {

int ParseYear(std::string_view text) {
    int year = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), year);
    if (ec != std::errc() || ptr != text.data() + text.size() || year < 1900 || year > 2200) {
        throw ValidationError("validation.invalid", "年份应为1900到2200之间的整数", "year");
    }
    return year;
}

Response CalendarYear(AppContext& app, RequestContext& ctx) {
    int year = ParseYear(ctx.Param("year"));
    json::array days_off;
    json::array workdays;
    for (const auto& entry : app.calendar.EntriesOfYear(year)) {
        json::object item{{"date", entry.date.ToString()}, {"name", entry.name}};
        (entry.kind == core::DayKind::kDayOff ? days_off : workdays).push_back(std::move(item));
    }
    return JsonResponse(ctx.request(), 200,
                        json::object{{"year", year},
                                     {"known", app.calendar.KnowsYear(year)},
                                     {"days_off", std::move(days_off)},
                                     {"workdays", std::move(workdays)}});
}

json::object Label(std::string_view code, std::string_view zh, std::string_view en) {
    return {{"code", code}, {"zh", zh}, {"en", en}};
}

Response Vocabularies(RequestContext& ctx) {
    json::array roles;
    for (core::Role role : core::AllRoles()) {
        roles.push_back(Label(core::RoleCode(role), core::RoleLabelZh(role), core::RoleLabelEn(role)));
    }
    json::array kinds;
    for (core::UnitKind kind : core::AllUnitKinds()) {
        kinds.push_back(
            Label(core::UnitKindCode(kind), core::UnitKindLabelZh(kind), core::UnitKindLabelEn(kind)));
    }
    json::array group_roles;
    for (core::GroupRole role : {core::GroupRole::kHead, core::GroupRole::kDeputy}) {
        group_roles.push_back(Label(core::GroupRoleCode(role), core::GroupRoleLabelZh(role),
                                    core::GroupRoleLabelEn(role)));
    }
    json::object out{{"roles", std::move(roles)},
                     {"unit_kinds", std::move(kinds)},
                     {"group_roles", std::move(group_roles)}};
    std::vector<core::Vocabulary> petition = core::PetitionVocabularies();
    petition.push_back(core::ActionVocabulary());
    for (const auto& vocabulary : petition) {
        json::array terms;
        for (const auto& term : vocabulary.terms) terms.push_back(Label(term.code, term.zh, term.en));
        out[vocabulary.name] = std::move(terms);
    }
    out["deadline_kinds"] = json::array{
        Label("acceptance", "受理告知期限", "Acceptance notice"),
        Label("handling", "办理期限", "Handling"),
        Label("target", "承办单位办结时限", "Unit target"),
        Label("review_request", "复查申请期限", "Review request window"),
        Label("review_decision", "复查决定期限", "Review decision"),
        Label("rereview_request", "复核申请期限", "Re-review request window"),
        Label("rereview_decision", "复核决定期限", "Re-review decision")};
    return JsonResponse(ctx.request(), 200, out);
}

Response ListAudit(AppContext& app, RequestContext& ctx) {
    store::Page page = PageFromQuery(ctx);
    store::AuditFilter filter;
    filter.entity = ctx.Query("entity");
    filter.entity_id = IntQuery(ctx, "entity_id");
    filter.user_id = IntQuery(ctx, "user_id");

    store::Transaction tx(app.db, store::Transaction::Mode::kRead);
    auto items = store::ListAudit(tx, filter, page);
    return JsonResponse(ctx.request(), 200, ListJson(items, store::CountAudit(tx, filter)));
}

}  // namespace

void AddReferenceRoutes(Router& router, AppContext& app) {
    Guard org_read = Guard::Requires(core::Permission::kOrgRead);
    router.Add(bhttp::verb::get, "/api/v1/calendar/{year}", org_read,
               [&app](RequestContext& ctx) { return CalendarYear(app, ctx); });
    router.Add(bhttp::verb::get, "/api/v1/vocabularies", org_read,
               [](RequestContext& ctx) { return Vocabularies(ctx); });
    router.Add(bhttp::verb::get, "/api/v1/audit", Guard::Requires(core::Permission::kAuditRead),
               [&app](RequestContext& ctx) { return ListAudit(app, ctx); });
}

}  // namespace xinfang::http
