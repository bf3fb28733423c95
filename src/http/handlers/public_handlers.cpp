#include "core/date.h"
#include "core/identity.h"
#include "http/api_error.h"
#include "http/audit_support.h"
#include "http/handlers/reception_handlers.h"
#include "http/json_body.h"
#include "http/json_view.h"
#include "http/petition_registration.h"
#include "http/petition_support.h"
#include "http/reception_support.h"
#include "reports/feeds.h"
#include "security/random.h"
#include "store/file_store.h"
#include "store/org_store.h"

namespace xinfang::http {
namespace bhttp = boost::beast::http;
namespace json = boost::json;
using store::Transaction;
namespace {

constexpr int kUpcomingDays = 400;

// The public pages have no accounts; what a citizen does is recorded under this name.
core::User PublicActor() {
    core::User actor;
    actor.username = "公众";
    return actor;
}

void Throttle(AppContext& app, RequestContext& ctx) {
    if (!app.public_limiter.Allow(ctx.exchange().remote_address, core::NowSeconds())) {
        throw ApiError(429, "public.too_many_requests", "操作过于频繁，请稍后再试")
            .WithRetryAfter(60);
    }
}

std::vector<store::ReceptionDayRow> UpcomingDays(Transaction& tx) {
    core::Date today = Today();
    return store::ListReceptionDays(tx, today.ToString(), today.AddDays(kUpcomingDays).ToString(),
                                    true);
}

Response PublicDays(AppContext& app, RequestContext& ctx) {
    Transaction tx(app.db, Transaction::Mode::kRead);
    ReceptionConfig config = LoadReceptionConfig(tx);
    json::array items;
    for (const auto& day : UpcomingDays(tx)) items.push_back(PublicDayJson(day, config));
    return JsonResponse(ctx.request(), 200, json::object{{"items", std::move(items)}});
}

// The regions the public forms offer: names only.
Response PublicRegions(AppContext& app, RequestContext& ctx) {
    Transaction tx(app.db, Transaction::Mode::kRead);
    json::array items;
    for (const auto& region : store::ListRegions(tx)) {
        if (!region.active) continue;
        items.push_back(json::object{{"id", region.id}, {"name", region.name}});
    }
    return JsonResponse(ctx.request(), 200, json::object{{"items", std::move(items)}});
}

Response TextResponse(const Request& request, std::string type, std::string body) {
    Response response{bhttp::status::ok, request.version()};
    response.set(bhttp::field::content_type, type);
    response.set(bhttp::field::cache_control, "public, max-age=300");
    response.keep_alive(request.keep_alive());
    response.body() = std::move(body);
    response.prepare_payload();
    return response;
}

std::vector<reports::FeedDay> FeedDays(Transaction& tx) {
    // The feeds carry the whole published year around today, so a calendar subscribed in
    // January still shows the days already past.
    core::Date today = Today();
    std::vector<reports::FeedDay> out;
    for (const auto& day : store::ListReceptionDays(
             tx, today.AddDays(-366).ToString(), today.AddDays(kUpcomingDays).ToString(), true)) {
        out.push_back(ToFeedDay(day));
    }
    return out;
}

Response Ics(AppContext& app, RequestContext& ctx) {
    Transaction tx(app.db, Transaction::Mode::kRead);
    return TextResponse(ctx.request(), "text/calendar; charset=utf-8",
                        reports::ICalendar(FeedDays(tx), core::NowSeconds()));
}

Response Rss(AppContext& app, RequestContext& ctx) {
    Transaction tx(app.db, Transaction::Mode::kRead);
    std::string base = app.config.public_base_url.empty()
                           ? "http://" + std::string(ctx.request()[bhttp::field::host])
                           : app.config.public_base_url;
    return TextResponse(
        ctx.request(), "application/rss+xml; charset=utf-8",
        reports::Rss(FeedDays(tx), base + "/public/", base + "/public/book", core::NowSeconds()));
}

std::string LastFour(const std::string& phone) {
    return phone.size() >= 4 ? phone.substr(phone.size() - 4) : phone;
}

// The code and the phone's last four digits together open a booking or complaint; only their
// keyed hash is stored.
std::string LookupHash(const AppContext& app, std::string_view kind, const std::string& code,
                       const std::string& last4) {
    return app.field_key.KeyedHash(kind, code + ":" + last4);
}

std::string CheckLast4(std::string digits) {
    if (digits.size() != 4 || digits.find_first_not_of("0123456789") != std::string::npos) {
        throw ValidationError("validation.invalid", "请填写手机号码后四位数字", "phone_last4");
    }
    return digits;
}

std::string ReadLast4(const JsonBody& body) {
    return CheckLast4(body.RequiredString("phone_last4", "手机号后四位", 4));
}

// The complaint a tracking code and phone digits open. Unknown code and wrong digits get the
// same answer, so codes cannot be probed.
store::PetitionRow MatchComplaint(AppContext& app, Transaction& tx, const std::string& code,
                                  const std::string& last4) {
    auto match = store::FindPetitionByTracking(tx, code);
    if (!match || match->hash != LookupHash(app, "tracking", code, last4)) {
        throw NotFound("未找到该投诉，请核对查询码和手机号后四位");
    }
    return *store::FindPetition(tx, match->petition_id);
}

json::object PublicAppointmentJson(const store::AppointmentRow& a,
                                   const store::ReceptionDayRow& day,
                                   const ReceptionConfig& config) {
    return {{"code", a.code},        {"status", a.status},
            {"name", a.name_masked}, {"topic", a.topic},
            {"region", a.region},    {"reception_day", PublicDayJson(day, config)}};
}

Response Book(AppContext& app, RequestContext& ctx) {
    Throttle(app, ctx);
    JsonBody body = JsonBody::Parse(ctx.request());
    std::int64_t day_id = body.RequiredInt("reception_day_id", "接访日", 1, INT64_MAX);
    std::string name = body.RequiredString("name", "姓名", 30);
    if (!IsPlainName(name)) {
        throw ValidationError("validation.invalid", "姓名不能含有控制字符或尖括号", "name");
    }
    std::string phone_text = body.RequiredString("phone", "手机号码", 20);
    auto phone = core::ParsePhone(phone_text);
    if (!phone || phone->kind != core::PhoneKind::kMobile) {
        throw ValidationError("validation.phone", "请填写有效的大陆手机号码", "phone");
    }
    const json::value* region_value = body.object().if_contains("region");
    if (!region_value || region_value->is_null()) {
        throw ValidationError("validation.required", "请选择所在区镇", "region");
    }
    std::string topic = body.RequiredString("topic", "反映事项", 500);

    Transaction tx(app.db, Transaction::Mode::kWrite);
    // The desk's draft routes the petition by this region, so it must be one of ours.
    auto region = MatchRegion(store::ListRegions(tx), *region_value);
    if (!region) throw ValidationError("validation.invalid", "请从列表中选择所在区镇", "region");
    store::LockReceptionDay(tx, day_id);
    ReceptionConfig config = LoadReceptionConfig(tx);
    auto day = store::FindReceptionDay(tx, day_id);
    if (!day || !day->published) throw NotFound("接访日不存在或尚未发布");
    if (!BookingOpen(*day, config, core::NowSeconds())) {
        throw Conflict("appointment.closed", "该接访日预约已截止", "reception_day_id");
    }
    if (day->booked >= day->capacity) {
        throw Conflict("appointment.full", "该接访日预约已满，请选择其他日期", "reception_day_id");
    }
    std::string phone_hash = app.field_key.KeyedHash("phone", phone->number);
    if (store::PhoneHasActiveAppointment(tx, day_id, phone_hash)) {
        throw Conflict("appointment.duplicate", "该手机号码在这一接访日已有预约", "phone");
    }

    store::AppointmentRow a;
    a.code = security::RandomCode(8);
    a.reception_day_id = day_id;
    a.name_enc = app.field_key.Encrypt(name, "appointment.name");
    a.phone_enc = app.field_key.Encrypt(phone->number, "appointment.phone");
    a.name_masked = core::MaskName(name);
    a.phone_masked = core::MaskPhone(phone->number);
    a.phone_hash = phone_hash;
    a.lookup_hash = LookupHash(app, "appointment", a.code, LastFour(phone->number));
    a.region = region->name;
    a.topic = topic;
    a.created_at = a.updated_at = core::NowSeconds();
    a.id = store::InsertAppointment(tx, a);
    RecordAudit(tx, PublicActor(), "create", "appointment", a.id,
                json::object{{"reception_day_id", json::array{nullptr, day_id}}});
    json::object view = PublicAppointmentJson(a, *store::FindReceptionDay(tx, day_id), config);
    tx.Commit();
    return JsonResponse(ctx.request(), 201, view);
}

// Unknown code and wrong digits get the same answer, so codes cannot be probed.
store::AppointmentRow MatchAppointment(AppContext& app, Transaction& tx, const JsonBody& body) {
    std::string code = body.RequiredString("code", "预约编号", 20);
    std::string last4 = ReadLast4(body);
    auto a = store::FindAppointmentByCode(tx, code);
    if (!a || a->lookup_hash != LookupHash(app, "appointment", code, last4)) {
        throw NotFound("未找到该预约，请核对预约编号和手机号后四位");
    }
    return *a;
}

Response LookupAppointment(AppContext& app, RequestContext& ctx) {
    Throttle(app, ctx);
    JsonBody body = JsonBody::Parse(ctx.request());
    Transaction tx(app.db, Transaction::Mode::kRead);
    store::AppointmentRow a = MatchAppointment(app, tx, body);
    ReceptionConfig config = LoadReceptionConfig(tx);
    return JsonResponse(
        ctx.request(), 200,
        PublicAppointmentJson(a, *store::FindReceptionDay(tx, a.reception_day_id), config));
}

Response CancelAppointment(AppContext& app, RequestContext& ctx) {
    Throttle(app, ctx);
    JsonBody body = JsonBody::Parse(ctx.request());
    Transaction tx(app.db, Transaction::Mode::kWrite);
    store::AppointmentRow a = MatchAppointment(app, tx, body);
    if (a.status != "booked" && a.status != "confirmed") {
        throw Conflict("appointment.not_cancellable", "该预约当前状态不能取消");
    }
    a.status = "cancelled";
    store::UpdateAppointment(tx, a);
    RecordAudit(tx, PublicActor(), "update", "appointment", a.id,
                json::object{{"status", json::array{"booked", "cancelled"}}});
    ReceptionConfig config = LoadReceptionConfig(tx);
    json::object view =
        PublicAppointmentJson(a, *store::FindReceptionDay(tx, a.reception_day_id), config);
    tx.Commit();
    return JsonResponse(ctx.request(), 200, view);
}

// An online complaint is a petition with channel 网上信访, registered by the public.
Response Complain(AppContext& app, RequestContext& ctx) {
    Throttle(app, ctx);
    JsonBody body = JsonBody::Parse(ctx.request());
    if (body.OptionalBool("privacy_accepted", "隐私说明") != true) {
        throw ValidationError("validation.required", "请阅读并同意个人信息保护说明",
                              "privacy_accepted");
    }
    store::PetitionRow row;
    row.channel = "online";
    row.source = "other";
    row.level = "district";
    row.content_type = "violation";
    row.legal_category = "accusation";
    row.pollution_type = CodeField(body, "pollution_type", "污染类型", core::ParsePollutionType);
    row.region_id = body.RequiredInt("region_id", "区镇", 1, INT64_MAX);
    row.location = body.RequiredString("location", "问题点位", 200);
    row.respondent = body.OptionalString("respondent", "被投诉单位", 200).value_or("");
    row.summary = body.RequiredString("summary", "反映问题", 200);
    row.demand = body.RequiredString("demand", "诉求", 2000);
    row.received_at = core::NowSeconds();
    PetitionerInput petitioner = ReadPetitioner(body, "");
    if (!petitioner.phone || petitioner.phone->kind != core::PhoneKind::kMobile) {
        throw ValidationError("validation.phone", "请填写有效的大陆手机号码，用于查询办理进度",
                              "phone");
    }
    petitioner.representative = true;

    Transaction tx(app.db, Transaction::Mode::kWrite);
    std::int64_t id = RegisterPetition(tx, app, PublicActor(), row, {petitioner}, {});
    std::string tracking = security::RandomCode(10);
    store::SetPetitionTracking(
        tx, id, tracking,
        LookupHash(app, "tracking", tracking, LastFour(petitioner.phone->number)));
    tx.Commit();
    return JsonResponse(ctx.request(), 201,
                        json::object{{"tracking_code", tracking}, {"code", row.code}});
}

constexpr std::size_t kMaxComplaintAttachments = 5;
constexpr std::int64_t kAttachWindowSeconds = 24 * 3600;

// Refuses an attachment when the complaint is no longer fresh: the staff have taken it up, the
// day after filing is over, or it already has its five files.
void RequireOpenForAttachments(Transaction& tx, const store::PetitionRow& row, std::int64_t now) {
    bool fresh = row.status == core::Code(core::PetitionStatus::kRegistered) &&
                 now - row.created_at <= kAttachWindowSeconds;
    if (!fresh) {
        throw Conflict("complaint.attachments_closed",
                       "该投诉已受理或已超过补充材料的时间，不能再上传附件");
    }
    if (store::ListAttachments(tx, row.id).size() >= kMaxComplaintAttachments) {
        throw Conflict("complaint.attachments_closed", "每件投诉最多上传5个附件");
    }
}

// A photo or document for a fresh online complaint, sent raw like the staff's uploads.
Response AttachToComplaint(AppContext& app, RequestContext& ctx) {
    Throttle(app, ctx);
    const Request& request = ctx.request();
    // The code travels in a header, not the path, so that request logs never hold it.
    std::string code(request["X-Tracking-Code"]);
    if (code.empty()) throw ValidationError("validation.required", "请填写查询码", "tracking_code");
    std::string last4 = CheckLast4(std::string(request["X-Phone-Last4"]));
    store::UploadCheck check = store::CheckUpload(request[bhttp::field::content_type],
                                                  request.body(), app.config.max_upload_bytes);
    if (!check.ok()) throw ApiError(check.status, check.code, check.message);
    std::string filename = store::SafeFilename(request["X-Filename"]);
    {
        Transaction tx(app.db, Transaction::Mode::kRead);
        RequireOpenForAttachments(tx, MatchComplaint(app, tx, code, last4), core::NowSeconds());
    }
    store::StoredFile stored = app.files.Put(request.body());

    Transaction tx(app.db, Transaction::Mode::kWrite);
    store::PetitionRow row = MatchComplaint(app, tx, code, last4);
    std::int64_t now = core::NowSeconds();
    RequireOpenForAttachments(tx, row, now);
    store::AttachmentRow attachment;
    attachment.petition_id = row.id;
    attachment.filename = filename;
    attachment.content_type = check.content_type;
    attachment.size = static_cast<std::int64_t>(stored.size);
    attachment.sha256 = stored.sha256;
    attachment.uploaded_at = now;
    attachment.id = store::InsertAttachment(tx, attachment, std::nullopt);
    store::EventRow event;
    event.action = "attach";
    event.from_status = event.to_status = row.status;
    event.at = event.recorded_at = now;
    event.details_json = json::serialize(
        json::object{{"attachment_id", attachment.id}, {"filename", filename}, {"by", "public"}});
    store::InsertEvent(tx, row.id, event);
    RecordAudit(tx, PublicActor(), "create", "attachment", attachment.id,
                json::object{{"petition_id", json::array{nullptr, row.id}},
                             {"sha256", json::array{nullptr, stored.sha256}}});
    tx.Commit();
    return JsonResponse(request, 201,
                        json::object{{"filename", attachment.filename},
                                     {"content_type", attachment.content_type},
                                     {"size", attachment.size}});
}

// What a complainant may see of a petition: its state, dates and the reply; never internal
// notes, the handling officers or other people's data.
Response LookupComplaint(AppContext& app, RequestContext& ctx) {
    Throttle(app, ctx);
    JsonBody body = JsonBody::Parse(ctx.request());
    std::string code = body.RequiredString("tracking_code", "查询码", 20);
    std::string last4 = ReadLast4(body);

    Transaction tx(app.db, Transaction::Mode::kRead);
    store::PetitionRow row = MatchComplaint(app, tx, code, last4);
    core::PetitionStatus status = StatusOf(row);
    core::PetitionDeadlines d = DeadlinesOf(row, app);
    json::array deadlines{
        json::object{{"kind", "acceptance"}, {"due", d.acceptance_notice.ToString()}}};
    if (auto handling = d.EffectiveHandling()) {
        deadlines.push_back(json::object{{"kind", "handling"}, {"due", handling->ToString()}});
    }
    json::value reply = nullptr;
    if (row.reply_content) {
        reply = json::object{{"content", *row.reply_content},
                             {"way", row.reply_way ? json::value(*row.reply_way) : nullptr}};
    }
    return JsonResponse(ctx.request(), 200,
                        json::object{{"code", row.code},
                                     {"status", row.status},
                                     {"status_label", core::LabelZh(status)},
                                     {"received_at", core::FormatTime(row.received_at)},
                                     {"accepted_at", TimeJson(row.accepted_at)},
                                     {"replied_at", TimeJson(row.replied_at)},
                                     {"reply", std::move(reply)},
                                     {"deadlines", std::move(deadlines)}});
}

}  // namespace

void AddPublicRoutes(Router& router, AppContext& app) {
    Guard open = Guard::Public();
    auto bind = [&app](Response (*handler)(AppContext&, RequestContext&)) {
        return [&app, handler](RequestContext& ctx) { return handler(app, ctx); };
    };
    router.Add(bhttp::verb::get, "/api/public/regions", open, bind(PublicRegions));
    router.Add(bhttp::verb::get, "/api/public/reception-days", open, bind(PublicDays));
    router.Add(bhttp::verb::get, "/api/public/reception-days.ics", open, bind(Ics));
    router.Add(bhttp::verb::get, "/api/public/reception-days.rss", open, bind(Rss));
    router.Add(bhttp::verb::post, "/api/public/appointments", open, bind(Book));
    router.Add(bhttp::verb::post, "/api/public/appointments/lookup", open, bind(LookupAppointment));
    router.Add(bhttp::verb::post, "/api/public/appointments/cancel", open, bind(CancelAppointment));
    router.Add(bhttp::verb::post, "/api/public/complaints", open, bind(Complain));
    router.Add(bhttp::verb::post, "/api/public/complaints/lookup", open, bind(LookupComplaint));
    router.Add(bhttp::verb::post, "/api/public/complaints/attachments", open,
               bind(AttachToComplaint));
}

}  // namespace xinfang::http
