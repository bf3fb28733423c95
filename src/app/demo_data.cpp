#include "app/demo_data.h"

#include <boost/json.hpp>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "core/date.h"
#include "core/reception.h"
#include "http/audit_support.h"
#include "http/reception_support.h"
#include "security/password.h"
#include "store/key_case_store.h"
#include "store/org_store.h"
#include "store/user_store.h"

namespace xinfang::app {
namespace json = boost::json;
namespace {

using Ids = std::map<std::string, std::int64_t>;

std::string Text(const json::value& v, const char* key) {
    return std::string(v.as_object().at(key).as_string());
}

json::value ReadJson(const std::filesystem::path& file) {
    std::ifstream in(file);
    if (!in) throw std::runtime_error("cannot read " + file.string());
    std::stringstream text;
    text << in.rdbuf();
    return json::parse(text.str());
}

std::int64_t Lookup(const Ids& ids, const std::string& name) {
    auto it = ids.find(name);
    if (it == ids.end()) throw std::runtime_error("demo data names an unknown entry: " + name);
    return it->second;
}

core::Unit MakeUnit(std::string name, core::UnitKind kind, int order) {
    core::Unit unit;
    unit.name = std::move(name);
    unit.kind = kind;
    unit.sort_order = order;
    return unit;
}

void LoadUnitsAndRegions(store::Transaction& tx, const json::object& seed, Ids& regions,
                         Ids& units) {
    int order = 0;
    units[Text(seed, "bureau")] =
        store::InsertUnit(tx, MakeUnit(Text(seed, "bureau"), core::UnitKind::kBureau, order++));
    for (const auto& name : seed.at("sections").as_array()) {
        std::string text(name.as_string());
        units[text] = store::InsertUnit(tx, MakeUnit(text, core::UnitKind::kSection, order++));
    }
    for (const auto& name : seed.at("enforcement").as_array()) {
        std::string text(name.as_string());
        units[text] = store::InsertUnit(tx, MakeUnit(text, core::UnitKind::kEnforcement, order++));
    }

    int region_order = 0;
    for (const auto& item : seed.at("regions").as_array()) {
        core::Region region;
        region.name = Text(item, "name");
        region.sort_order = ++region_order;
        regions[region.name] = store::InsertRegion(tx, region);

        core::Unit town = MakeUnit(Text(item, "town"), core::UnitKind::kTown, order++);
        town.region_id = regions[region.name];
        units[town.name] = store::InsertUnit(tx, town);
    }
}

void LoadLeadersAndGroups(store::Transaction& tx, const json::object& seed, const Ids& regions,
                          const Ids& units, Ids& leaders) {
    int order = 0;
    for (const auto& item : seed.at("leaders").as_array()) {
        core::Leader leader;
        leader.name = Text(item, "name");
        leader.title = Text(item, "title");
        leader.group_role = core::ParseGroupRole(Text(item, "group_role"));
        leader.sort_order = ++order;
        leaders[leader.name] = store::InsertLeader(tx, leader);
    }
    for (const auto& item : seed.at("groups").as_array()) {
        core::Group group;
        group.number = static_cast<int>(item.as_object().at("number").as_int64());
        group.name = Text(item, "name");
        group.leader.id = Lookup(leaders, Text(item, "leader"));
        group.unit.id = Lookup(units, Text(item, "unit"));
        for (const auto& region : item.as_object().at("regions").as_array()) {
            group.regions.push_back({Lookup(regions, std::string(region.as_string())), ""});
        }
        store::InsertGroup(tx, group);
    }
}

void LoadUsers(store::Transaction& tx, const json::object& seed, const Ids& units,
               const Ids& leaders, const std::string& password) {
    std::string hash = security::HashPassword(password);
    for (const auto& item : seed.at("users").as_array()) {
        const json::object& o = item.as_object();
        core::User user;
        user.username = Text(item, "username");
        user.display_name = Text(item, "display_name");
        user.role = core::ParseRole(Text(item, "role")).value();
        if (o.contains("unit")) user.unit_id = Lookup(units, Text(item, "unit"));
        if (o.contains("leader")) user.leader_id = Lookup(leaders, Text(item, "leader"));
        if (!store::FindUserByUsername(tx, user.username)) store::InsertUser(tx, user, hash);
    }
}

// The seed's Attachment 3 (data/demo/key_cases.json beside the organisation): each case is owned
// by the leader of its 备注 column and placed in the group that covers its region.
int LoadKeyCases(store::Transaction& tx, const std::filesystem::path& file, const Ids& regions,
                 const Ids& leaders) {
    json::value data = ReadJson(file);
    int count = 0;
    for (const auto& item : data.as_object().at("key_cases").as_array()) {
        const json::object& o = item.as_object();
        store::KeyCaseRow row;
        row.seq = static_cast<int>(o.at("seq").as_int64());
        row.region_id = Lookup(regions, Text(item, "region"));
        row.level = Text(item, "level");
        if (o.contains("level_note")) row.level_note = Text(item, "level_note");
        row.location = Text(item, "location");
        row.situation = Text(item, "situation");
        row.recommendation = Text(item, "recommendation");
        row.leader_id = Lookup(leaders, Text(item, "leader"));
        if (auto group = store::GroupCoveringRegion(tx, row.region_id, 0)) row.group_id = group->id;
        row.repeat = o.contains("repeat") && o.at("repeat").as_bool();
        row.level_skipping = row.level != "district";
        row.created_at = core::NowSeconds();
        store::InsertKeyCase(tx, row);
        ++count;
    }
    return count;
}

}  // namespace

bool LoadDemoData(store::Database& db, const std::filesystem::path& file,
                  const std::string& password, const core::Calendar& calendar) {
    json::value seed = ReadJson(file);
    store::Transaction tx(db, store::Transaction::Mode::kWrite);
    if (!store::ListRegions(tx).empty()) return false;

    Ids regions, units, leaders;
    const json::object& object = seed.as_object();
    LoadUnitsAndRegions(tx, object, regions, units);
    LoadLeadersAndGroups(tx, object, regions, units, leaders);
    LoadUsers(tx, object, units, leaders, password);
    int key_cases = LoadKeyCases(tx, file.parent_path() / "key_cases.json", regions, leaders);

    // The seed's Attachment 1: the 2023 reception days, generated by the default rule
    // (third-week Tuesday, rotation from 刘华军 in February) and published; and this year's and
    // next year's by the same rule, so that the public pages have days to book.
    http::ReceptionConfig config = http::LoadReceptionConfig(tx);
    int this_year = core::DateOf(core::NowSeconds()).year();
    std::set<int> years = {2023, this_year, this_year + 1};
    int days = 0;
    for (int year : years) {
        core::ScheduleResult schedule = core::GenerateSchedule(year, config.rule, calendar, {});
        if (!schedule.ok()) throw std::runtime_error("demo schedule: " + schedule.error->message);
        days += http::SaveSchedule(tx, schedule.days, {}, config, true).added;
    }

    core::User operator_user;
    operator_user.username = "xinfang init";
    http::RecordAudit(tx, operator_user, "create", "demo_data", std::nullopt,
                      json::object{{"regions", json::array{nullptr, regions.size()}},
                                   {"units", json::array{nullptr, units.size()}},
                                   {"leaders", json::array{nullptr, leaders.size()}},
                                   {"reception_days", json::array{nullptr, days}},
                                   {"key_cases", json::array{nullptr, key_cases}}});
    tx.Commit();
    return true;
}

}  // namespace xinfang::app
