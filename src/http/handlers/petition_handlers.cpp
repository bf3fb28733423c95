#include "http/handlers/petition_handlers.h"

#include "core/date.h"
#include "core/identity.h"
#include "http/api_error.h"
#include "http/audit_support.h"
#include "http/handlers/list_support.h"
#include "http/json_body.h"
#include "http/json_view.h"
#include "http/petition_support.h"
#include "store/org_store.h"
#include "text/bigram.h"

namespace xinfang::http {
namespace bhttp = boost::beast::http;
namespace json = boost::json;
using store::Transaction;
namespace {

constexpr std::int64_t kRepeatWindowSeconds = 365 * 86400;
constexpr std::size_t kMaxPetitioners = 50;

// A vocabulary code from the body: required, and one of the vocabulary's codes.
template <typename T>
std::string Code(const JsonBody& body, std::string_view name, std::string_view label,
                 std::optional<T> (*parse)(std::string_view)) {
    std::string code = body.RequiredString(name, label, 40);
    if (!parse(code)) {
        throw ValidationError("validation.invalid", std::string(label) + "的取值不正确",
                              std::string(name));
    }
    return code;
}

// One petitioner as sent, validated; personal values stay in memory only until encrypted.
struct PetitionerInput {
    std::string name;
    std::optional<std::string> id_number;
    std::optional<core::CanonicalPhone> phone;
    std::optional<std::string> address;
    bool representative = false;
};

PetitionerInput ReadPetitioner(const json::value& value, std::size_t index) {
    std::string prefix = "petitioners[" + std::to_string(index) + "].";
    if (!value.is_object()) {
        throw ValidationError("validation.type", "信访人信息格式不正确", "petitioners");
    }
    JsonBody body(value.as_object());
    auto field = [&](const char* name) { return prefix + name; };
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
        throw ApiError(error.status(), error.code(), error.message(), field(error.field().c_str()));
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
        out.push_back(ReadPetitioner(list->as_array()[i], i));
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

void AddFlag(store::PetitionRow& row, core::PetitionFlag flag) {
    std::string code(core::Code(flag));
    if (std::find(row.flags.begin(), row.flags.end(), code) == row.flags.end()) {
        row.flags.push_back(code);
    }
}

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

store::PetitionRow ReadPetition(const JsonBody& body) {
    store::PetitionRow row;
    row.channel = Code(body, "channel", "信访渠道", core::ParseChannel);
    row.source = Code(body, "source", "事项来源", core::ParseSource);
    row.level = Code(body, "level", "信访层级", core::ParseLevel);
    row.content_type = Code(body, "content_type", "接访内容", core::ParseContentType);
    row.legal_category = Code(body, "legal_category", "事项类别", core::ParseLegalCategory);
    row.pollution_type = Code(body, "pollution_type", "污染类型", core::ParsePollutionType);
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
    return row;
}

Response Register(AppContext& app, RequestContext& ctx) {
    JsonBody body = JsonBody::Parse(ctx.request());
    store::PetitionRow row = ReadPetition(body);
    bool collective = std::find(row.flags.begin(), row.flags.end(), "collective") != row.flags.end();
    auto petitioners = ReadPetitioners(body, row.people_count, collective);
    auto links = body.OptionalIdList("linked_petition_ids", "关联信访件").value_or(std::vector<std::int64_t>{});

    auto level = core::ParseLevel(row.level);
    if (core::ImpliesLevelSkipping(*level)) AddFlag(row, core::PetitionFlag::kLevelSkipping);
    if (!links.empty()) AddFlag(row, core::PetitionFlag::kRepeat);
    std::int64_t now = core::NowSeconds();
    row.status = std::string(core::Code(core::PetitionStatus::kRegistered));
    row.last_step_at = row.received_at;
    row.registered_by = ctx.principal().user.id;
    row.created_at = row.updated_at = now;
    RefreshNextDue(row, app);

    Transaction tx(app.db, Transaction::Mode::kWrite);
    Route(tx, row);
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
    event.user_id = ctx.principal().user.id;
    event.details_json = json::serialize(json::object{{"channel", row.channel}});
    store::InsertEvent(tx, row.id, event);
    RecordAudit(tx, ctx.principal().user, "create", "petition", row.id,
                json::object{{"code", json::array{nullptr, row.code}},
                             {"status", json::array{nullptr, row.status}}});

    auto stored = store::FindPetition(tx, row.id);
    json::object view = DetailJson(tx, app, ctx.principal(), *stored);
    tx.Commit();
    return JsonResponse(ctx.request(), 201, view);
}

// Query values that may repeat (status=a&status=b) or be comma-separated (status=a,b).
std::vector<std::string> MultiQuery(const RequestContext& ctx, std::string_view name) {
    std::vector<std::string> out;
    auto url = boost::urls::parse_origin_form(ctx.request().target());
    if (!url) return out;
    for (auto param : url->params()) {
        if (param.key != name) continue;
        std::string value(param.value);
        std::size_t start = 0;
        while (start <= value.size()) {
            auto end = value.find(',', start);
            if (end == std::string::npos) end = value.size();
            if (end > start) out.push_back(value.substr(start, end - start));
            start = end + 1;
        }
    }
    return out;
}

template <typename T>
std::optional<std::string> CodeQuery(const RequestContext& ctx, std::string_view name,
                                     std::optional<T> (*parse)(std::string_view)) {
    auto value = ctx.Query(name);
    if (!value || value->empty()) return std::nullopt;
    if (!parse(*value)) {
        throw ValidationError("validation.invalid", "筛选条件" + std::string(name) + "的取值不正确",
                              std::string(name));
    }
    return value;
}

std::optional<std::int64_t> DateQuery(const RequestContext& ctx, std::string_view name, int add_days) {
    auto value = ctx.Query(name);
    if (!value || value->empty()) return std::nullopt;
    auto date = core::Date::Parse(*value);
    if (!date) {
        throw ValidationError("validation.invalid", "日期格式应为 YYYY-MM-DD", std::string(name));
    }
    return core::StartOfDay(date->AddDays(add_days));
}

store::PetitionFilter FilterFromQuery(const RequestContext& ctx) {
    store::PetitionFilter f;
    for (const auto& status : MultiQuery(ctx, "status")) {
        if (!core::ParsePetitionStatus(status)) {
            throw ValidationError("validation.invalid", "状态的取值不正确", "status");
        }
        f.statuses.push_back(status);
    }
    for (const auto& flag : MultiQuery(ctx, "flag")) {
        if (!core::ParsePetitionFlag(flag)) {
            throw ValidationError("validation.invalid", "标记的取值不正确", "flag");
        }
        f.flags.push_back(flag);
    }
    f.region_id = IntQuery(ctx, "region_id");
    f.group_id = IntQuery(ctx, "group_id");
    f.unit_id = IntQuery(ctx, "unit_id");
    f.level = CodeQuery(ctx, "level", core::ParseLevel);
    f.source = CodeQuery(ctx, "source", core::ParseSource);
    f.channel = CodeQuery(ctx, "channel", core::ParseChannel);
    f.pollution_type = CodeQuery(ctx, "pollution_type", core::ParsePollutionType);
    f.received_from = DateQuery(ctx, "from", 0);
    f.received_before = DateQuery(ctx, "to", 1);
    if (ctx.Query("overdue") == "true") f.due_before = Today().ToString();

    if (auto q = ctx.Query("q"); q && !q->empty()) {
        if (Utf8Length(*q) > 50) throw ValidationError("validation.too_long", "关键词不能超过50个字", "q");
        if (text::NeedsSubstringSearch(*q)) {
            f.substring = text::Normalize(*q);
        } else {
            f.tokens = text::QueryTokenList(*q);
        }
    }
    return f;
}

store::PetitionSort SortFromQuery(const RequestContext& ctx) {
    std::string sort = ctx.Query("sort").value_or("-received_at");
    if (sort == "-received_at") return store::PetitionSort::kReceivedDesc;
    if (sort == "received_at") return store::PetitionSort::kReceivedAsc;
    if (sort == "code") return store::PetitionSort::kCodeAsc;
    if (sort == "-code") return store::PetitionSort::kCodeDesc;
    if (sort == "due") return store::PetitionSort::kDueAsc;
    if (sort == "-due") return store::PetitionSort::kDueDesc;
    throw ValidationError("validation.invalid", "排序方式不正确", "sort");
}

Response List(AppContext& app, RequestContext& ctx) {
    store::Page page = PageFromQuery(ctx);
    store::PetitionFilter filter = FilterFromQuery(ctx);
    store::PetitionSort sort = SortFromQuery(ctx);

    Transaction tx(app.db, Transaction::Mode::kRead);
    ApplyScope(ctx.principal(), app, tx, filter);
    json::array items;
    for (const auto& row : store::ListPetitions(tx, filter, sort, page)) {
        items.push_back(SummaryJson(row, app));
    }
    return JsonResponse(ctx.request(), 200,
                        json::object{{"items", std::move(items)},
                                     {"total", store::CountPetitions(tx, filter)}});
}

Response Get(AppContext& app, RequestContext& ctx) {
    std::int64_t id = ParseId(ctx.Param("id"));
    Transaction tx(app.db, Transaction::Mode::kRead);
    store::PetitionRow row = LoadVisiblePetition(tx, app, ctx.principal(), id);
    return JsonResponse(ctx.request(), 200, DetailJson(tx, app, ctx.principal(), row));
}

std::optional<std::string> Decrypted(const AppContext& app, const std::optional<store::Blob>& blob,
                                     std::string_view label) {
    if (!blob) return std::nullopt;
    auto text = app.field_key.Decrypt(*blob, label);
    if (!text) throw std::runtime_error("a petitioner field failed to decrypt (wrong key file?)");
    return text;
}

Response Petitioners(AppContext& app, RequestContext& ctx) {
    std::int64_t id = ParseId(ctx.Param("id"));
    bool reveal = ctx.Query("reveal") == "true";
    const core::User& user = ctx.principal().user;
    if (reveal && !core::Allows(user.role, core::Permission::kPetitionersReveal)) {
        throw Forbidden("没有查看信访人完整信息的权限");
    }

    Transaction tx(app.db, reveal ? Transaction::Mode::kWrite : Transaction::Mode::kRead);
    store::PetitionRow row = LoadVisiblePetition(tx, app, ctx.principal(), id);
    bool hidden = user.role == core::Role::kTown;
    json::array items;
    for (const auto& p : store::ListPetitioners(tx, id)) {
        json::object item{{"id", p.id}, {"representative", p.representative}, {"hidden", hidden}};
        if (hidden) {
            item["name"] = item["id_number"] = item["phone"] = item["address"] = nullptr;
        } else if (reveal) {
            item["name"] = *Decrypted(app, p.name_enc, "petitioner.name");
            item["id_number"] = OptionalJson(Decrypted(app, p.id_number_enc, "petitioner.id_number"));
            item["phone"] = OptionalJson(Decrypted(app, p.phone_enc, "petitioner.phone"));
            item["address"] = OptionalJson(Decrypted(app, p.address_enc, "petitioner.address"));
        } else {
            item["name"] = p.name_masked;
            item["id_number"] = OptionalJson(p.id_number_masked);
            item["phone"] = OptionalJson(p.phone_masked);
            item["address"] = OptionalJson(p.address_masked);
        }
        items.push_back(std::move(item));
    }
    if (reveal) {
        RecordAudit(tx, user, "reveal", "petition", row.id,
                    json::object{{"petitioners", json::array{nullptr, items.size()}}});
        tx.Commit();
    }
    return JsonResponse(ctx.request(), 200, json::object{{"items", std::move(items)}});
}

struct IdentityHashes {
    std::optional<std::string> id_number;
    std::optional<std::string> phone;
};

IdentityHashes ReadIdentity(const AppContext& app, const JsonBody& body) {
    IdentityHashes hashes;
    if (auto id = body.OptionalString("id_number", "身份证号码", 18)) {
        hashes.id_number = app.field_key.KeyedHash("id_number", core::NormalizeIdNumber(*id));
    }
    if (auto phone = body.OptionalString("phone", "联系电话", 20)) {
        auto parsed = core::ParsePhone(*phone);
        if (!parsed) throw ValidationError("validation.phone", "联系电话格式不正确", "phone");
        hashes.phone = app.field_key.KeyedHash("phone", parsed->number);
    }
    return hashes;
}

Response History(AppContext& app, RequestContext& ctx) {
    JsonBody body = JsonBody::Parse(ctx.request());
    IdentityHashes hashes = ReadIdentity(app, body);
    if (!hashes.id_number && !hashes.phone) {
        throw ValidationError("validation.required", "请填写身份证号码或联系电话", "id_number");
    }

    Transaction tx(app.db, Transaction::Mode::kWrite);
    json::array petitions;
    for (const auto& row : store::PetitionsOfPetitioner(tx, hashes.id_number, hashes.phone,
                                                        std::nullopt, 500)) {
        petitions.push_back(SummaryJson(row, app));
    }
    RecordAudit(tx, ctx.principal().user, "history", "petitioner", std::nullopt,
                json::object{{"petitions", json::array{nullptr, petitions.size()}}});
    tx.Commit();
    return JsonResponse(ctx.request(), 200,
                        json::object{{"petitions", std::move(petitions)},
                                     {"appointments", json::array()},
                                     {"key_cases", json::array()}});
}

json::object CandidateJson(const store::PetitionRow& row, std::string_view match) {
    return {{"id", row.id},
            {"code", row.code},
            {"summary", row.summary},
            {"received_at", core::FormatTime(row.received_at)},
            {"status", row.status},
            {"match", match}};
}

Response RepeatCandidates(AppContext& app, RequestContext& ctx) {
    JsonBody body = JsonBody::Parse(ctx.request());
    IdentityHashes hashes = ReadIdentity(app, body);
    auto respondent = body.OptionalString("respondent", "被投诉单位", 200);
    auto location = body.OptionalString("location", "问题点位", 200);
    auto exclude = body.OptionalInt("exclude_id", "排除的信访件", 1, INT64_MAX);
    std::int64_t since = core::NowSeconds() - kRepeatWindowSeconds;

    Transaction tx(app.db, Transaction::Mode::kRead);
    json::array items;
    std::vector<std::int64_t> seen;
    auto add = [&](const std::vector<store::PetitionRow>& rows, std::string_view match) {
        for (const auto& row : rows) {
            if (row.id == exclude || std::find(seen.begin(), seen.end(), row.id) != seen.end()) continue;
            seen.push_back(row.id);
            items.push_back(CandidateJson(row, match));
        }
    };
    add(store::PetitionsOfPetitioner(tx, hashes.id_number, hashes.phone, since, 20), "petitioner");
    if (respondent && location) {
        add(store::PetitionsAbout(tx, *respondent, *location, since, 20), "respondent_location");
    }
    return JsonResponse(ctx.request(), 200, json::object{{"items", std::move(items)}});
}

Response Link(AppContext& app, RequestContext& ctx) {
    std::int64_t id = ParseId(ctx.Param("id"));
    JsonBody body = JsonBody::Parse(ctx.request());
    std::int64_t other = body.RequiredInt("petition_id", "关联信访件", 1, INT64_MAX);
    std::int64_t version = body.RequiredInt("version", "版本号", 1, INT64_MAX);
    if (other == id) throw ValidationError("validation.invalid", "不能关联自身", "petition_id");

    Transaction tx(app.db, Transaction::Mode::kWrite);
    store::PetitionRow row = LoadVisiblePetition(tx, app, ctx.principal(), id);
    if (!store::FindPetition(tx, other)) {
        throw ValidationError("validation.invalid", "关联的信访件不存在", "petition_id");
    }
    if (row.version != version) {
        throw Conflict("conflict.stale_version", "该信访件已被他人修改，请刷新后重试", "version");
    }
    AddFlag(row, core::PetitionFlag::kRepeat);
    row.updated_at = core::NowSeconds();
    if (!store::UpdatePetition(tx, row)) {
        throw Conflict("conflict.stale_version", "该信访件已被他人修改，请刷新后重试", "version");
    }
    store::LinkPetitions(tx, id, other);
    RecordAudit(tx, ctx.principal().user, "link", "petition", id,
                json::object{{"linked_id", json::array{nullptr, other}}});
    auto stored = store::FindPetition(tx, id);
    json::object view = DetailJson(tx, app, ctx.principal(), *stored);
    tx.Commit();
    return JsonResponse(ctx.request(), 200, view);
}

}  // namespace

void AddPetitionRoutes(Router& router, AppContext& app) {
    Guard read = Guard::Requires(core::Permission::kPetitionsRead);
    Guard registrar = Guard::Requires(core::Permission::kPetitionsRegister);
    Guard reveal = Guard::Requires(core::Permission::kPetitionersReveal);
    auto bind = [&app](Response (*handler)(AppContext&, RequestContext&)) {
        return [&app, handler](RequestContext& ctx) { return handler(app, ctx); };
    };
    router.Add(bhttp::verb::get, "/api/v1/petitions", read, bind(List));
    router.Add(bhttp::verb::post, "/api/v1/petitions", registrar, bind(Register));
    router.Add(bhttp::verb::post, "/api/v1/petitions/repeat-candidates", registrar,
               bind(RepeatCandidates));
    router.Add(bhttp::verb::get, "/api/v1/petitions/{id}", read, bind(Get));
    router.Add(bhttp::verb::get, "/api/v1/petitions/{id}/petitioners", read, bind(Petitioners));
    router.Add(bhttp::verb::post, "/api/v1/petitions/{id}/links", registrar, bind(Link));
    router.Add(bhttp::verb::post, "/api/v1/petitioners/history", reveal, bind(History));
}

}  // namespace xinfang::http
