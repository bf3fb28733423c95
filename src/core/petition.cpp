#include "core/petition.h"

#include <array>
#include <cstdio>

namespace xinfang::core {
namespace {

template <typename E>
struct Term {
    E value;
    std::string_view code;
    std::string_view zh;
    std::string_view en;
};

constexpr std::array<Term<Channel>, 10> kChannels = {{
    {Channel::kVisit, "visit", "来访", "Visit"},
    {Channel::kLetter, "letter", "来信", "Letter"},
    {Channel::kPhone, "phone", "电话", "Phone"},
    {Channel::kOnline, "online", "网上信访", "Online"},
    {Channel::kLeaderReception, "leader_reception", "领导接访", "Leader reception"},
    {Channel::kHotline12369, "hotline_12369", "12369环保举报热线", "12369 hotline"},
    {Channel::kHotline12345, "hotline_12345", "12345政务服务热线", "12345 hotline"},
    {Channel::kInspectionReferral, "inspection_referral", "督察交办", "Inspection referral"},
    {Channel::kMedia, "media", "媒体舆情", "Media"},
    {Channel::kOther, "other", "其他", "Other"},
}};

constexpr std::array<Term<Source>, 7> kSources = {{
    {Source::kEscalated, "escalated", "到部到省越级信访", "Escalated to ministry or province"},
    {Source::kInspection, "inspection", "中央/省生态环境保护督察交办",
     "Central or provincial inspection referral"},
    {Source::kHotline, "hotline", "省市政风行风热线", "Provincial or city conduct hotline"},
    {Source::kLeaderInstruction, "leader_instruction", "领导批示交办", "Leader's instruction"},
    {Source::kMedia, "media", "网络舆情/媒体曝光", "Online opinion or media exposure"},
    {Source::kLeaderReception, "leader_reception", "局长大接访", "Director's reception day"},
    {Source::kOther, "other", "其他", "Other"},
}};

constexpr std::array<Term<Level>, 6> kLevels = {{
    {Level::kNational, "national", "国家信访局", "National Public Complaints Bureau"},
    {Level::kMinistry, "ministry", "部级", "Ministry"},
    {Level::kProvincialInspection, "provincial_inspection", "省委巡视组",
     "Provincial inspection team"},
    {Level::kProvincial, "provincial", "省级", "Province"},
    {Level::kMunicipal, "municipal", "市级", "City"},
    {Level::kDistrict, "district", "区级", "District"},
}};

constexpr std::array<Term<ContentType>, 3> kContentTypes = {{
    {ContentType::kViolation, "violation", "违反环保法律法规、侵害环境权益",
     "Violation of environmental law or rights"},
    {ContentType::kSuggestion, "suggestion", "对环保工作的意见建议",
     "Opinion or suggestion on environmental work"},
    {ContentType::kStaffCriticism, "staff_criticism", "对工作人员的批评建议", "Criticism of staff"},
}};

constexpr std::array<Term<LegalCategory>, 3> kLegalCategories = {{
    {LegalCategory::kSuggestion, "suggestion", "建议意见类", "Suggestion"},
    {LegalCategory::kAccusation, "accusation", "检举控告类", "Accusation"},
    {LegalCategory::kClaim, "claim", "申诉求决类", "Claim"},
}};

constexpr std::array<Term<PollutionType>, 7> kPollutionTypes = {{
    {PollutionType::kAir, "air", "大气/异味", "Air or odour"},
    {PollutionType::kNoise, "noise", "噪声", "Noise"},
    {PollutionType::kWater, "water", "水", "Water"},
    {PollutionType::kSolidWaste, "solid_waste", "固废", "Solid waste"},
    {PollutionType::kSoil, "soil", "土壤", "Soil"},
    {PollutionType::kRadiation, "radiation", "辐射", "Radiation"},
    {PollutionType::kOther, "other", "其他", "Other"},
}};

constexpr std::array<Term<PetitionFlag>, 4> kFlags = {{
    {PetitionFlag::kRepeat, "repeat", "重复访", "Repeat"},
    {PetitionFlag::kLevelSkipping, "level_skipping", "越级访", "Level-skipping"},
    {PetitionFlag::kCollective, "collective", "集体访", "Collective"},
    {PetitionFlag::kLitigation, "litigation", "涉法涉诉", "Involves litigation"},
}};

constexpr std::array<Term<PetitionStatus>, 14> kStatuses = {{
    {PetitionStatus::kRegistered, "registered", "已登记", "Registered"},
    {PetitionStatus::kAccepted, "accepted", "已受理", "Accepted"},
    {PetitionStatus::kNotAccepted, "not_accepted", "不予受理", "Not accepted"},
    {PetitionStatus::kForwarded, "forwarded", "已转送", "Forwarded"},
    {PetitionStatus::kAssigned, "assigned", "已交办", "Assigned"},
    {PetitionStatus::kReported, "reported", "已反馈", "Reported"},
    {PetitionStatus::kReplied, "replied", "已答复", "Replied"},
    {PetitionStatus::kClosed, "closed", "已办结", "Closed"},
    {PetitionStatus::kReviewRequested, "review_requested", "复查中", "Review requested"},
    {PetitionStatus::kReviewed, "reviewed", "已复查", "Reviewed"},
    {PetitionStatus::kRereviewRequested, "rereview_requested", "复核中", "Re-review requested"},
    {PetitionStatus::kRereviewed, "rereviewed", "已复核", "Re-reviewed"},
    {PetitionStatus::kTerminated, "terminated", "已终结", "Terminated"},
    {PetitionStatus::kLitigation, "litigation", "诉访分离", "Legal channel"},
}};

constexpr std::array<Term<ReplyWay>, 3> kReplyWays = {{
    {ReplyWay::kWritten, "written", "书面", "Written"},
    {ReplyWay::kPhone, "phone", "电话", "Phone"},
    {ReplyWay::kInPerson, "in_person", "当面", "In person"},
}};

constexpr std::array<Term<Satisfaction>, 3> kSatisfactions = {{
    {Satisfaction::kSatisfied, "satisfied", "满意", "Satisfied"},
    {Satisfaction::kBasicallySatisfied, "basically_satisfied", "基本满意", "Basically satisfied"},
    {Satisfaction::kUnsatisfied, "unsatisfied", "不满意", "Unsatisfied"},
}};

// Every enumerator appears in its table, so the fallback to the first row is never taken.
template <typename E, std::size_t N>
const Term<E>& Find(const std::array<Term<E>, N>& table, E value) {
    for (const auto& term : table) {
        if (term.value == value) return term;
    }
    return table[0];
}

template <typename E, std::size_t N>
std::optional<E> ParseIn(const std::array<Term<E>, N>& table, std::string_view code) {
    for (const auto& term : table) {
        if (term.code == code) return term.value;
    }
    return std::nullopt;
}

template <typename E, std::size_t N>
std::vector<E> ValuesOf(const std::array<Term<E>, N>& table) {
    std::vector<E> values;
    for (const auto& term : table) values.push_back(term.value);
    return values;
}

template <typename E, std::size_t N>
Vocabulary VocabularyOf(std::string_view name, const std::array<Term<E>, N>& table) {
    Vocabulary vocabulary{name, {}};
    for (const auto& term : table) vocabulary.terms.push_back({term.code, term.zh, term.en});
    return vocabulary;
}

}  // namespace

#define XINFANG_VOCABULARY(Type, table, parse, all)                                   \
    std::string_view Code(Type value) { return Find(table, value).code; }             \
    std::string_view LabelZh(Type value) { return Find(table, value).zh; }            \
    std::string_view LabelEn(Type value) { return Find(table, value).en; }            \
    std::optional<Type> parse(std::string_view code) { return ParseIn(table, code); } \
    const std::vector<Type>& all() {                                                  \
        static const std::vector<Type> values = ValuesOf(table);                      \
        return values;                                                                \
    }

XINFANG_VOCABULARY(Channel, kChannels, ParseChannel, AllChannels)
XINFANG_VOCABULARY(Source, kSources, ParseSource, AllSources)
XINFANG_VOCABULARY(Level, kLevels, ParseLevel, AllLevels)
XINFANG_VOCABULARY(ContentType, kContentTypes, ParseContentType, AllContentTypes)
XINFANG_VOCABULARY(LegalCategory, kLegalCategories, ParseLegalCategory, AllLegalCategories)
XINFANG_VOCABULARY(PollutionType, kPollutionTypes, ParsePollutionType, AllPollutionTypes)
XINFANG_VOCABULARY(PetitionFlag, kFlags, ParsePetitionFlag, AllPetitionFlags)
XINFANG_VOCABULARY(PetitionStatus, kStatuses, ParsePetitionStatus, AllPetitionStatuses)
XINFANG_VOCABULARY(ReplyWay, kReplyWays, ParseReplyWay, AllReplyWays)
XINFANG_VOCABULARY(Satisfaction, kSatisfactions, ParseSatisfaction, AllSatisfactions)

#undef XINFANG_VOCABULARY

std::vector<Vocabulary> PetitionVocabularies() {
    return {
        VocabularyOf("channels", kChannels),
        VocabularyOf("sources", kSources),
        VocabularyOf("levels", kLevels),
        VocabularyOf("content_types", kContentTypes),
        VocabularyOf("legal_categories", kLegalCategories),
        VocabularyOf("pollution_types", kPollutionTypes),
        VocabularyOf("petition_flags", kFlags),
        VocabularyOf("petition_statuses", kStatuses),
        VocabularyOf("reply_ways", kReplyWays),
        VocabularyOf("satisfactions", kSatisfactions),
    };
}

bool ImpliesLevelSkipping(Level level) { return level != Level::kDistrict; }

bool IsFinalStatus(PetitionStatus status) {
    switch (status) {
        case PetitionStatus::kNotAccepted:
        case PetitionStatus::kForwarded:
        case PetitionStatus::kTerminated:
        case PetitionStatus::kLitigation:
            return true;
        default:
            return false;
    }
}

std::string FormatPetitionCode(int year, std::int64_t sequence) {
    char buffer[48];
    std::snprintf(buffer, sizeof buffer, "XF-%04d-%05lld", year, static_cast<long long>(sequence));
    return buffer;
}

}  // namespace xinfang::core
