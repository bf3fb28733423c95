#include "http/petition_registration.h"

#include "core/date.h"
#include "http/api_error.h"
#include "http/audit_support.h"
#include "http/petition_support.h"
#include "store/org_store.h"

namespace xinfang::http {
namespace json = boost::json;
using store::Transaction;
namespace {

constexpr std::size_t kMaxPetitioners = 50;

}  // namespace

PetitionerInput ReadPetitioner(const JsonBody& body, const std::string& prefix) {
    auto field = [&](const std::string& name) { return prefix + name; };
    PetitionerInput p;
    try {
        p.name = body.RequiredString("name", "信访人姓名", 30);
        if (auto id = body.OptionalString("id_number", "身份证号码", 18)) {
            std::string normalized = core::NormalizeIdNumber(*id);
            auto problem = core::CheckIdNumber(normalized, Today());
            if (problem != core::IdNumberProblem::kNone) {
                throw ValidationError("validation.id_number",
                                      std::string(core::IdNumberProblemMessage(problem)),
                                      "id_number");
            }
            p.id_number = normalized;
        }
        if (auto phone = body.OptionalString("phone", "联系电话", 20)) {
            p.phone = core::ParsePhone(*phone);
            if (!p.phone) {
                throw ValidationError("validation.phone", "联系电话不是有效的大陆手机或固定电话号码",
                                      "phone");
            }
        }
        p.address = body.OptionalString("address", "住址", 200);
        p.representative = body.OptionalBool("representative", "是否代表").value_or(false);
    } catch (const ApiError& error) {
        throw ApiError(error.status(), error.code(), error.message(), field(error.field()));
    }
    return p;
}

std::vector<PetitionerInput> ReadPetitioners(const JsonBody& body, int people_count,
                                             bool collective) {
    const json::value* list = body.object().if_contains("petitioners");
    if (!list || list->is_null()) {
        throw ValidationError("validation.required", "请填写信访人", "petitioners");
    }
    if (!list->is_array() || list->as_array().empty() || list->as_array().size() > kMaxPetitioners) {
        throw ValidationError("validation.invalid", "信访人应为1到50人", "petitioners");
    }
    std::vector<PetitionerInput> out;
    for (std::size_t i = 0; i < list->as_array().size(); ++i) {
        const json::value& item = list->as_array()[i];
        if (!item.is_object()) {
            throw ValidationError("validation.type", "信访人信息格式不正确", "petitioners");
        }
        out.push_back(ReadPetitioner(JsonBody(item.as_object()),
                                     "petitioners[" + std::to_string(i) + "]."));
    }

    int representatives = 0;
    for (const auto& p : out) representatives += p.representative ? 1 : 0;
    bool group = out.size() > 1 || collective || people_count >= 5;
    if (representatives > 1 || (group && representatives != 1)) {
        throw ValidationError("validation.representative", "集体访须指定且只能指定一名代表",
                              "petitioners");
    }
    if (!group && representatives == 0) out.front().representative = true;
    return out;
}

namespace {

store::PetitionerRow Encrypt(const AppContext& app, const PetitionerInput& p, int position) {
    const security::FieldKey& key = app.field_key;
    store::PetitionerRow row;
    row.position = position;
    row.representative = p.representative;
    row.name_enc = key.Encrypt(p.name, "petitioner.name");
    row.name_masked = core::MaskName(p.name);
    if (p.id_number) {
        row.id_number_enc = key.Encrypt(*p.id_number, "petitioner.id_number");
        row.id_number_masked = core::MaskIdNumber(*p.id_number);
        row.id_number_hash = key.KeyedHash("id_number", *p.id_number);
    }
    if (p.phone) {
        row.phone_enc = key.Encrypt(p.phone->number, "petitioner.phone");
        row.phone_masked = core::MaskPhone(p.phone->number);
        row.phone_hash = key.KeyedHash("phone", p.phone->number);
    }
    if (p.address) {
        row.address_enc = key.Encrypt(*p.address, "petitioner.address");
        row.address_masked = core::MaskAddress(*p.address);
    }
    return row;
}

}  // namespace

namespace {

std::vector<std::string> ReadFlags(const JsonBody& body) {
    std::vector<std::string> flags;
    const json::value* list = body.object().if_contains("flags");
    if (!list || list->is_null()) return flags;
    if (!list->is_array()) throw ValidationError("validation.type", "标记应为列表", "flags");
    for (const auto& item : list->as_array()) {
        auto flag = item.is_string() ? core::ParsePetitionFlag(item.as_string()) : std::nullopt;
        // Repeat and level-skipping follow from links and level; only these two are declared.
        if (!flag || (*flag != core::PetitionFlag::kCollective &&
                      *flag != core::PetitionFlag::kLitigation)) {
            throw ValidationError("validation.invalid", "标记只能是集体访或涉法涉诉", "flags");
        }
        flags.emplace_back(core::Code(*flag));
    }
    return flags;
}

}  // namespace

void AddFlag(store::PetitionRow& row, core::PetitionFlag flag) {
    std::string code(core::Code(flag));
    if (std::find(row.flags.begin(), row.flags.end(), code) == row.flags.end()) {
        row.flags.push_back(code);
    }
}

namespace {

// Region → group → leader and enforcement bureau, as seed §四(二) assigns them.
void Route(Transaction& tx, store::PetitionRow& row) {
    auto region = store::FindRegion(tx, row.region_id);
    if (!region || !region->active) {
        throw ValidationError("validation.invalid", "所选区镇不存在或已停用", "region_id");
    }
    row.region_name = region->name;
    if (!region->group_id) return;
    auto group = store::FindGroup(tx, *region->group_id);
    if (!group) return;
    row.group_id = group->id;
    row.leader_id = group->leader.id;
    row.responsible_unit_id = group->unit.id;
}

}  // namespace

store::PetitionRow ReadPetition(const JsonBody& body) {
    store::PetitionRow row;
    row.channel = CodeField(body, "channel", "信访渠道", core::ParseChannel);
    row.source = CodeField(body, "source", "事项来源", core::ParseSource);
    row.level = CodeField(body, "level", "信访层级", core::ParseLevel);
    row.content_type = CodeField(body, "content_type", "接访内容", core::ParseContentType);
    row.legal_category = CodeField(body, "legal_category", "事项类别", core::ParseLegalCategory);
    row.pollution_type = CodeField(body, "pollution_type", "污染类型", core::ParsePollutionType);
    row.region_id = body.RequiredInt("region_id", "区镇", 1, INT64_MAX);
    row.location = body.RequiredString("location", "问题点位", 200);
    row.respondent = body.OptionalString("respondent", "被投诉单位", 200).value_or("");
    row.summary = body.RequiredString("summary", "反映问题", 200);
    row.demand = body.RequiredString("demand", "诉求", 2000);
    row.people_count = static_cast<int>(body.OptionalInt("people_count", "人数", 1, 10000).value_or(1));

    std::string received = body.RequiredString("received_at", "收到时间", 40);
    auto at = core::ParseTime(received);
    if (!at) {
        throw ValidationError("validation.invalid", "收到时间格式不正确（如 2023-09-20T09:30:00+08:00）",
                              "received_at");
    }
    if (*at > core::NowSeconds() + 300) {
        throw ValidationError("validation.future", "收到时间不能晚于现在", "received_at");
    }
    row.received_at = *at;
    row.flags = ReadFlags(body);
    row.receiving_leader_id = body.OptionalInt("receiving_leader_id", "接访领导", 1, INT64_MAX);
    return row;
}


std::int64_t RegisterPetition(Transaction& tx, AppContext& app, const core::User& actor,
                              store::PetitionRow& row,
                              const std::vector<PetitionerInput>& petitioners,
                              const std::vector<std::int64_t>& links) {
    auto level = core::ParseLevel(row.level);
    if (level && core::ImpliesLevelSkipping(*level)) AddFlag(row, core::PetitionFlag::kLevelSkipping);
    if (!links.empty()) AddFlag(row, core::PetitionFlag::kRepeat);
    std::int64_t now = core::NowSeconds();
    row.status = std::string(core::Code(core::PetitionStatus::kRegistered));
    row.last_step_at = row.received_at;
    if (actor.id != 0) row.registered_by = actor.id;
    row.created_at = row.updated_at = now;
    RefreshNextDue(row, app);

    Route(tx, row);
    if (row.receiving_leader_id && !store::FindLeader(tx, *row.receiving_leader_id)) {
        throw ValidationError("validation.invalid", "所选接访领导不存在", "receiving_leader_id");
    }
    for (std::int64_t linked : links) {
        if (!store::FindPetition(tx, linked)) {
            throw ValidationError("validation.invalid", "关联的信访件不存在", "linked_petition_ids");
        }
    }
    int year = core::DateOf(row.received_at).year();
    row.code = core::FormatPetitionCode(year, store::NextPetitionSequence(tx, year));
    row.id = store::InsertPetition(tx, row);
    for (std::size_t i = 0; i < petitioners.size(); ++i) {
        store::InsertPetitioner(tx, row.id, Encrypt(app, petitioners[i], static_cast<int>(i)));
    }
    store::ReplaceSearchTokens(tx, row.id, SearchTokensOf(row));
    for (std::int64_t linked : links) store::LinkPetitions(tx, row.id, linked);

    store::EventRow event;
    event.action = "register";
    event.to_status = row.status;
    event.at = row.received_at;
    event.recorded_at = now;
    if (actor.id != 0) event.user_id = actor.id;
    event.details_json = json::serialize(json::object{{"channel", row.channel}});
    store::InsertEvent(tx, row.id, event);
    RecordAudit(tx, actor, "create", "petition", row.id,
                json::object{{"code", json::array{nullptr, row.code}},
                             {"status", json::array{nullptr, row.status}}});
    return row.id;
}

}  // namespace xinfang::http
