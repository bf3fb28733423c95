#include "bench/generator.h"

#include <boost/json.hpp>
#include <set>

namespace xinfang::bench {
namespace {

constexpr std::int64_t kDay = 86400;

// SplitMix64: tiny, fast and the same on every platform, unlike the standard distributions,
// so a seed names the same data set wherever the generator is built.
class Rng {
public:
    explicit Rng(std::uint64_t seed) : state_(seed) {}
    std::uint64_t Next() {
        std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }
    std::int64_t Below(std::int64_t n) { return static_cast<std::int64_t>(Next() % n); }
    std::int64_t Between(std::int64_t lo, std::int64_t hi) { return lo + Below(hi - lo + 1); }
    bool Chance(int percent) { return Below(100) < percent; }
    template <typename T>
    const T& Pick(const std::vector<T>& items) {
        return items[static_cast<std::size_t>(Below(static_cast<std::int64_t>(items.size())))];
    }

private:
    std::uint64_t state_;
};

std::uint64_t Mix(std::uint64_t seed, std::uint64_t stream, std::uint64_t index) {
    Rng rng(seed ^ (stream * 0xD1B54A32D192ED03ULL) ^ (index * 0x8CB92BA72F3D8DD7ULL));
    rng.Next();
    return rng.Next();
}

using Texts = std::vector<std::string>;

const Texts kSurnames = {"张", "王", "李", "赵", "陈", "刘", "杨", "黄", "周", "吴", "徐", "孙",
                         "朱", "马", "胡", "郭", "何", "林", "高", "罗", "郑", "梁", "谢", "宋",
                         "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "施", "顾", "陆", "沈"};
const Texts kGiven = {"建", "国", "华", "明", "红", "军", "伟", "芳", "英", "平", "强", "敏",
                      "杰", "静", "丽", "勇", "娟", "涛", "霞", "秀", "兰", "春", "海", "林",
                      "忠", "德", "玉", "凤", "新", "志", "文", "学", "云", "飞", "燕", "梅"};

const Texts kNamePlaces = {"海门", "江海", "东洲", "南通", "通海", "滨江", "临江", "三星",
                           "正余", "悦来", "常乐", "四甲", "余东", "海永", "江心", "通吕"};
const Texts kNameWords = {"华达", "恒力", "永盛", "金鼎", "宏远", "新丰", "瑞祥",
                          "天成", "鑫源", "东方", "明珠", "开元", "盛世", "德润",
                          "国泰", "协和", "长青", "汇通", "嘉禾", "中联", "润泽",
                          "富达", "兴隆", "安泰", "锦程", "众诚", "利民", "海润"};
const Texts kIndustries = {"化工",     "纺织",     "印染",     "机械",     "建材",
                           "食品",     "电子",     "家纺",     "木业",     "塑料",
                           "金属制品", "混凝土",   "船舶配件", "生物科技", "环保科技",
                           "物流",     "农业开发", "畜禽养殖", "汽车修理", "包装材料"};
const Texts kForms = {"有限公司", "有限公司", "有限公司", "股份有限公司", "厂", "合作社"};

const Texts kRoads = {"人民路", "长江路", "解放路", "北京路",   "沿江公路", "新海路", "东洲路",
                      "秀山路", "浦江路", "南海路", "通启路",   "青海路",   "珠江路", "黄海路",
                      "海兴路", "中南路", "江海路", "工业大道", "海洲路",   "北海路"};
const Texts kPlaces = {"小区", "新村", "花园", "村", "居委会", "工业集中区", "农贸市场", "学校"};

struct Theme {
    std::string pollution_type;
    Texts summaries;  // {R} respondent, {L} location
    Texts demands;
    Texts findings;
    Texts requirements;
};

const std::vector<Theme>& Themes() {
    static const std::vector<Theme> themes = {
        {"noise",
         {"{R}夜间生产噪声扰民", "{R}冷却塔运行噪声大，影响周边居民休息",
          "{R}施工机械昼夜作业，噪声扰民", "{R}风机噪声持续不断，居民无法入睡",
          "{L}附近{R}装卸货物噪声大", "{R}空压机噪声严重超标", "{R}凌晨切割钢材噪声扰民"},
         {"要求{R}停止夜间生产，加装隔音降噪设施", "请求到现场监测噪声，依法查处超标排放",
          "要求限定作业时间，晚十点后停止施工", "要求对风机、水泵采取减振降噪措施",
          "希望尽快解决噪声问题，还周边居民安静的生活环境"},
         {"现场监测厂界噪声夜间超标", "企业夜间生产属实，已责令整改", "现场未发现夜间生产"},
         {"加装隔声罩并调整作业时间", "夜间22时后停止高噪声作业", "委托第三方开展噪声监测"}},
        {"air",
         {"{R}排放刺鼻异味", "{R}废气直排，周边空气中有明显化工气味", "{R}烟囱冒黑烟",
          "{R}喷漆车间异味扰民", "{R}堆场扬尘严重，周边住户门窗满是灰尘",
          "渣土运输车辆沿{L}抛洒扬尘", "{R}焚烧垃圾产生浓烟", "{R}污水处理设施恶臭扰民"},
         {"要求{R}安装废气处理设施，达标排放", "请求查处异味来源，保障居民身体健康",
          "要求对堆场进行覆盖、喷淋，控制扬尘", "要求停止露天焚烧并依法处罚",
          "希望环保部门加强夜间巡查，杜绝偷排废气"},
         {"废气处理设施未正常运行", "现场可闻到明显异味，已采样送检", "堆场未完全覆盖"},
         {"修复并正常运行废气处理设施", "堆场全覆盖并配备雾炮喷淋", "完善废气收集系统"}},
        {"water",
         {"{R}向河道偷排废水", "{R}雨水管排出黑臭污水", "{L}附近河道出现死鱼，怀疑{R}排污",
          "{R}生活污水未经处理直排", "{R}养殖废水流入农田", "{R}洗车废水直排市政管网"},
         {"要求立即封堵暗管，停止偷排", "请求对河道水质进行检测并追究责任",
          "要求{R}建设污水处理设施", "要求赔偿鱼塘损失并恢复水体", "希望加强对沿河企业的监管"},
         {"发现雨水排口有废水排出", "采样检测化学需氧量超标", "现场未发现偷排暗管"},
         {"封堵雨污混接口", "建设废水预处理设施并接管", "开展河道清淤和水质监测"}},
        {"solid_waste",
         {"{R}随意倾倒工业固废", "{R}危险废物露天堆放", "{L}有人夜间偷倒建筑垃圾",
          "{R}边角料堆放占用农田", "{R}废油桶随意丢弃", "{L}生活垃圾长期无人清运"},
         {"要求清运固废并依法查处", "要求{R}规范危险废物贮存和转移", "请求调查倾倒者并恢复原状",
          "希望设置围挡和监控，杜绝偷倒"},
         {"现场堆放一般工业固废约数十吨", "危废贮存场所未设置标识", "已组织清运"},
         {"规范建设危废贮存库", "限期清运堆放固废", "建立固废台账并如实申报"}},
        {"other",
         {"{R}环评手续不全即开工生产", "对{R}整改情况不满意，要求复查", "反映{R}在线监测数据造假",
          "{R}辐射设备安放位置离住宅太近"},
         {"要求核查{R}环保手续", "要求公开处理结果", "请求依法处理并书面答复"},
         {"企业环评手续正在办理", "在线监测设备运维记录不全"},
         {"补办环评手续前停止生产", "完善在线监测设备运维记录"}},
    };
    return themes;
}

const Texts kComplainPrefix = {"", "", "群众反映", "信访人反映", "来电反映", "多名居民反映"};
const Texts kComplainSuffix = {"",
                               "",
                               "，已持续半年",
                               "，多次反映未解决",
                               "，周边居民意见很大",
                               "，严重影响生活",
                               "，节假日尤为严重"};

std::string Fill(std::string text, const std::string& respondent, const std::string& location) {
    auto replace = [&text](const std::string& from, const std::string& to) {
        for (auto at = text.find(from); at != std::string::npos;
             at = text.find(from, at + to.size())) {
            text.replace(at, from.size(), to);
        }
    };
    replace("{R}", respondent);
    replace("{L}", location);
    return text;
}

std::vector<std::string> MakeEnterprises(std::uint64_t seed) {
    // A few thousand distinct names, fewer than the combinations, picked deterministically.
    constexpr std::size_t kWanted = 3000;
    Rng rng(Mix(seed, 1, 0));
    std::set<std::string> seen;
    std::vector<std::string> out;
    while (out.size() < kWanted) {
        std::string name =
            rng.Pick(kNamePlaces) + rng.Pick(kNameWords) + rng.Pick(kIndustries) + rng.Pick(kForms);
        if (seen.insert(name).second) out.push_back(std::move(name));
    }
    return out;
}

struct Codes {
    std::string channel, source, level, content_type, legal_category;
};

Codes PickCodes(Rng& rng) {
    Codes c;
    int channel = static_cast<int>(rng.Below(100));
    c.channel = channel < 30   ? "hotline_12345"
                : channel < 55 ? "hotline_12369"
                : channel < 70 ? "online"
                : channel < 80 ? "visit"
                : channel < 88 ? "phone"
                : channel < 93 ? "letter"
                : channel < 96 ? "leader_reception"
                : channel < 98 ? "inspection_referral"
                               : "media";
    c.source = c.channel == "leader_reception"      ? "leader_reception"
               : c.channel == "inspection_referral" ? "inspection"
               : c.channel == "media"               ? "media"
               : c.channel.starts_with("hotline")   ? "hotline"
                                                    : "other";
    int level = static_cast<int>(rng.Below(1000));
    c.level = level < 900   ? "district"
              : level < 960 ? "municipal"
              : level < 990 ? "provincial"
              : level < 996 ? "ministry"
                            : "national";
    if (level >= 960 && rng.Chance(50)) c.source = "escalated";
    int content = static_cast<int>(rng.Below(100));
    c.content_type = content < 88 ? "violation" : content < 97 ? "suggestion" : "staff_criticism";
    c.legal_category = c.content_type == "violation"    ? (rng.Chance(80) ? "accusation" : "claim")
                       : c.content_type == "suggestion" ? "suggestion"
                                                        : "claim";
    return c;
}

std::int64_t At(core::Date day, int hour, int minute) {
    return core::StartOfDay(day) + hour * 3600 + minute * 60;
}

std::int64_t WorkTime(Rng& rng, std::int64_t after, int min_days, int max_days) {
    core::Date day = core::DateOf(after).AddDays(rng.Between(min_days, max_days));
    return std::max(after + 60,
                    At(day, static_cast<int>(rng.Between(8, 17)), static_cast<int>(rng.Below(60))));
}

// The steps of one petition from its receipt; the plan is cut at `last_at` so that young
// petitions are still open, as on a real desk.
void PlanSteps(Rng& rng, GeneratedPetition& p, const Theme& theme, std::int64_t last_at) {
    std::vector<PlannedStep> steps;
    auto add = [&](core::Action action, std::int64_t at, core::TransitionPayload payload = {}) {
        steps.push_back({action, at, std::move(payload), false});
        return at;
    };
    std::int64_t t = p.row.received_at;
    int fate = static_cast<int>(rng.Below(100));
    if (fate < 3) {
        core::TransitionPayload decline;
        decline.reason = "不属于生态环境部门职责范围，已告知信访人向有权机关提出";
        add(core::Action::kDecline, WorkTime(rng, t, 1, 12), decline);
    } else if (fate < 5) {
        core::TransitionPayload forward;
        forward.agency = rng.Chance(50) ? "区住房和城乡建设局" : "区城市管理局";
        add(core::Action::kForward, WorkTime(rng, t, 1, 10), forward);
    } else {
        t = add(core::Action::kAccept, WorkTime(rng, t, 0, 10));
        std::int64_t accepted = t;
        if (p.row.content_type == "suggestion" || rng.Chance(8)) {
            core::TransitionPayload reply;
            reply.content = "感谢您的意见建议，我局已研究并将在今后工作中改进。";
            reply.way = core::ReplyWay::kWritten;
            t = add(core::Action::kReply, WorkTime(rng, t, 5, 30), reply);
        } else {
            core::TransitionPayload assign;
            assign.requirements = "请于期限内现场核查，依法处理并反馈办理情况。";
            std::int64_t assigned_at = WorkTime(rng, t, 1, 5);
            assign.deadline = core::DateOf(assigned_at).AddDays(30);
            t = add(core::Action::kAssign, assigned_at, assign);
            std::size_t assign_index = steps.size() - 1;

            if (rng.Chance(60)) {
                PlannedInspection inspection;
                inspection.after_step = assign_index;
                inspection.on = core::DateOf(t).AddDays(rng.Between(1, 8));
                inspection.participants = "执法人员2名、属地网格员1名";
                inspection.findings = rng.Pick(theme.findings);
                int n = static_cast<int>(rng.Between(1, 2));
                for (int i = 0; i < n; ++i) {
                    PlannedInspection::Requirement r;
                    r.content = rng.Pick(theme.requirements);
                    r.deadline = inspection.on.AddDays(rng.Between(10, 30));
                    if (rng.Chance(80)) {
                        r.followed_up_on = r.deadline.AddDays(rng.Between(1, 10));
                        r.met = rng.Chance(85);
                    }
                    inspection.requirements.push_back(std::move(r));
                }
                p.inspections.push_back(std::move(inspection));
            }
            if (rng.Chance(5)) {
                core::TransitionPayload supervise;
                supervise.content = "该件办理进度滞后，请抓紧办理并于期限内反馈。";
                supervise.deadline = core::DateOf(t).AddDays(40);
                t = add(core::Action::kSupervise, WorkTime(rng, t, 15, 25), supervise);
                core::TransitionPayload answer;
                answer.content = "已加快办理，现场整改正在推进。";
                t = add(core::Action::kAnswerSupervision, WorkTime(rng, t, 2, 6), answer);
            }
            if (rng.Chance(3) && core::DateOf(t) < core::DateOf(accepted).AddDays(50)) {
                core::TransitionPayload extend;
                extend.reason = "案情复杂，需进一步调查取证";
                extend.extension_days = 30;
                t = add(core::Action::kExtend, WorkTime(rng, t, 1, 5), extend);
                steps.back().by_leader = true;
            }
            core::TransitionPayload report;
            report.findings = rng.Pick(theme.findings) + "，已督促整改到位。";
            t = add(core::Action::kReport, WorkTime(rng, t, 5, 25), report);
            core::TransitionPayload reply;
            reply.content =
                "经调查，" + rng.Pick(theme.findings) + "，我局已依法处理，现答复如下。";
            reply.way = rng.Chance(60) ? core::ReplyWay::kPhone : core::ReplyWay::kWritten;
            t = add(core::Action::kReply, WorkTime(rng, t, 1, 8), reply);
        }
        if (rng.Chance(80)) {
            core::TransitionPayload satisfaction;
            int s = static_cast<int>(rng.Below(100));
            satisfaction.satisfaction = s < 70   ? core::Satisfaction::kSatisfied
                                        : s < 90 ? core::Satisfaction::kBasicallySatisfied
                                                 : core::Satisfaction::kUnsatisfied;
            t = add(core::Action::kRecordSatisfaction, WorkTime(rng, t, 1, 4), satisfaction);
        }
        if (rng.Chance(6)) {
            core::TransitionPayload request;
            request.reason = "对答复意见不满意，申请复查";
            t = add(core::Action::kRequestReview, WorkTime(rng, t, 3, 20), request);
            core::TransitionPayload decide;
            decide.content = "经复查，原处理意见事实清楚，予以维持。";
            t = add(core::Action::kDecideReview, WorkTime(rng, t, 5, 25), decide);
        }
        if (rng.Chance(92)) add(core::Action::kClose, WorkTime(rng, t, 3, 15));
    }

    for (auto& step : steps) {
        if (step.at > last_at) break;
        p.steps.push_back(std::move(step));
    }
    std::erase_if(p.inspections, [&](const PlannedInspection& i) {
        return i.after_step >= p.steps.size() || At(i.on, 10, 0) > last_at;
    });
    for (auto& i : p.inspections) {
        for (auto& r : i.requirements) {
            if (r.followed_up_on && At(*r.followed_up_on, 10, 0) > last_at) {
                r.followed_up_on.reset();
                r.met.reset();
            }
        }
    }
}

}  // namespace

const std::vector<std::string>& RegionNames() {
    static const std::vector<std::string> names = {
        "海门开发区", "海门街道", "江心沙农场", "三星镇", "海门港新区", "正余镇", "三厂工业园区",
        "临江新区",   "海永镇",   "悦来镇",     "常乐镇", "四甲镇",     "余东镇"};
    return names;
}

std::string WithCheckCharacter(const std::string& first17) {
    static const int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    static const char kCheck[11] = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};
    int sum = 0;
    for (int i = 0; i < 17; ++i) sum += (first17[i] - '0') * kWeights[i];
    return first17 + kCheck[sum % 11];
}

Generator::Generator(std::uint64_t seed, std::int64_t count, core::Date until)
    : seed_(seed),
      count_(std::max<std::int64_t>(count, 1)),
      recurring_(std::max<std::int64_t>(count_ / 20, 1)),
      first_at_(core::StartOfDay(until.AddDays(-3652))),
      last_at_(core::StartOfDay(until) + 18 * 3600),
      enterprises_(MakeEnterprises(seed)) {}

Person Generator::PersonAt(std::int64_t p) const {
    Rng rng(Mix(seed_, 2, static_cast<std::uint64_t>(p)));
    Person person;
    person.name = rng.Pick(kSurnames) + rng.Pick(kGiven);
    if (rng.Chance(70)) person.name += rng.Pick(kGiven);

    // Haimen's own area codes, the city's and a few of the province's others.
    static const Texts kAreas = {"320684", "320614", "320684", "320611", "320612",
                                 "320623", "320681", "320682", "320602", "321002"};
    core::Date birth = core::Date(1950, 1, 1).AddDays(rng.Below(365 * 52));
    char digits[18];
    std::snprintf(digits, sizeof digits, "%s%04d%02d%02d%03d", rng.Pick(kAreas).c_str(),
                  birth.year(), birth.month(), birth.day(), static_cast<int>(rng.Below(1000)));
    person.id_number = WithCheckCharacter(std::string(digits, 17));

    static const Texts kPrefixes = {"138", "139", "135", "136", "137", "150", "151", "152", "158",
                                    "159", "182", "187", "188", "133", "153", "180", "189", "130",
                                    "131", "132", "155", "156", "185", "186", "177", "199", "191"};
    char phone[12];
    std::snprintf(phone, sizeof phone, "%s%08lld", rng.Pick(kPrefixes).c_str(),
                  static_cast<long long>(rng.Below(100000000)));
    person.phone = phone;
    person.address = "江苏省南通市海门区" + rng.Pick(RegionNames()) + rng.Pick(kRoads) +
                     std::to_string(rng.Between(1, 999)) + "号";
    return person;
}

GeneratedPetition Generator::Petition(std::int64_t index) const {
    Rng rng(Mix(seed_, 3, static_cast<std::uint64_t>(index)));
    GeneratedPetition p;
    store::PetitionRow& row = p.row;

    // Petitions arrive evenly over the ten years, with the index as the order of receipt.
    std::int64_t span = last_at_ - first_at_;
    std::int64_t slot = first_at_ + span * index / count_;
    row.received_at =
        std::min(last_at_, slot + rng.Below(std::max<std::int64_t>(span / count_, 1)));
    core::Date received_day = core::DateOf(row.received_at);
    row.received_at =
        At(received_day, static_cast<int>(rng.Between(8, 18)), static_cast<int>(rng.Below(60)));
    row.received_at = std::min(row.received_at, last_at_);

    Codes codes = PickCodes(rng);
    row.channel = codes.channel;
    row.source = codes.source;
    row.level = codes.level;
    row.content_type = codes.content_type;
    row.legal_category = codes.legal_category;

    int theme_pick = static_cast<int>(rng.Below(100));
    const auto& themes = Themes();
    const Theme& theme = themes[theme_pick < 30   ? 0
                                : theme_pick < 62 ? 1
                                : theme_pick < 80 ? 2
                                : theme_pick < 95 ? 3
                                                  : 4];
    row.pollution_type = theme.pollution_type;
    if (row.pollution_type == "other" && rng.Chance(25)) row.pollution_type = "radiation";

    p.region_index =
        static_cast<std::size_t>(rng.Below(static_cast<std::int64_t>(RegionNames().size())));
    // Some enterprises are complained about far more often than others.
    std::int64_t e = static_cast<std::int64_t>(enterprises_.size());
    row.respondent = enterprises_[static_cast<std::size_t>(std::min(rng.Below(e), rng.Below(e)))];
    row.location =
        RegionNames()[p.region_index] + rng.Pick(kRoads) + std::to_string(rng.Between(1, 300)) +
        "号" + (rng.Chance(40) ? rng.Pick(kNameWords) + rng.Pick(kPlaces) : std::string("附近"));
    row.summary =
        Fill(rng.Pick(kComplainPrefix) + rng.Pick(theme.summaries) + rng.Pick(kComplainSuffix),
             row.respondent, row.location);
    row.demand = Fill(rng.Pick(theme.demands) + "。" + rng.Pick(theme.demands) + "。",
                      row.respondent, row.location);

    bool collective = rng.Chance(4);
    row.people_count = collective ? static_cast<int>(rng.Between(5, 40)) : 1;
    if (collective) row.flags.push_back("collective");
    int petitioners = collective ? static_cast<int>(rng.Between(1, 3)) : 1;

    p.person_index = rng.Chance(25) ? rng.Below(recurring_) : recurring_ + index;
    for (int i = 0; i < petitioners; ++i) {
        std::int64_t who = i == 0 ? p.person_index : recurring_ + count_ + index * 3 + i;
        Person person = PersonAt(who);
        http::PetitionerInput input;
        input.name = person.name;
        input.id_number = person.id_number;
        input.phone = core::CanonicalPhone{core::PhoneKind::kMobile, person.phone};
        if (rng.Chance(70)) input.address = person.address;
        input.representative = i == 0;
        p.petitioners.push_back(std::move(input));
        p.people.push_back(std::move(person));
    }

    PlanSteps(rng, p, theme, last_at_);
    return p;
}

std::string Generator::RegistrationBody(std::int64_t index, std::int64_t received_at,
                                        const std::vector<std::int64_t>& region_ids) const {
    GeneratedPetition p = Petition(index);
    boost::json::array petitioners;
    for (std::size_t i = 0; i < p.people.size(); ++i) {
        const Person& who = p.people[i];
        boost::json::object item{{"name", who.name},
                                 {"id_number", who.id_number},
                                 {"phone", who.phone},
                                 {"representative", p.petitioners[i].representative}};
        if (p.petitioners[i].address) item["address"] = who.address;
        petitioners.push_back(std::move(item));
    }
    boost::json::array flags;
    for (const auto& flag : p.row.flags) flags.push_back(boost::json::value(flag));
    boost::json::object body{{"channel", p.row.channel},
                             {"source", p.row.source},
                             {"level", p.row.level},
                             {"content_type", p.row.content_type},
                             {"legal_category", p.row.legal_category},
                             {"pollution_type", p.row.pollution_type},
                             {"region_id", region_ids.at(p.region_index)},
                             {"location", p.row.location},
                             {"respondent", p.row.respondent},
                             {"summary", p.row.summary},
                             {"demand", p.row.demand},
                             {"people_count", p.row.people_count},
                             {"flags", std::move(flags)},
                             {"received_at", core::FormatTime(received_at)},
                             {"petitioners", std::move(petitioners)}};
    return boost::json::serialize(body);
}

}  // namespace xinfang::bench
