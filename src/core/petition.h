#pragma once

// The vocabularies of a petition 信访件 (DESIGN.md §2, issue 3). Each term has a stable English
// code that the API, the database and other tools rely on, and a Chinese and an English label
// for people. Codes never change once published; labels may.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace xinfang::core {

// 渠道: how the petition reached the bureau.
enum class Channel {
    kVisit,
    kLetter,
    kPhone,
    kOnline,
    kLeaderReception,
    kHotline12369,
    kHotline12345,
    kInspectionReferral,
    kMedia,
    kOther,
};

// 事项来源: the seven sources of seed §三.
enum class Source {
    kEscalated,
    kInspection,
    kHotline,
    kLeaderInstruction,
    kMedia,
    kLeaderReception,
    kOther,
};

// 信访层级: the body the petition was first lodged with. Everything above kDistrict is 越级.
enum class Level {
    kNational,
    kMinistry,
    kProvincialInspection,
    kProvincial,
    kMunicipal,
    kDistrict,
};

// 接访内容: the three kinds of matter of seed §四(一).
enum class ContentType { kViolation, kSuggestion, kStaffCriticism };

// The legal category of the Regulation on Letters and Visits (2022).
enum class LegalCategory { kSuggestion, kAccusation, kClaim };

enum class PollutionType { kAir, kNoise, kWater, kSolidWaste, kSoil, kRadiation, kOther };

// Marks on a petition; a petition carries any subset of them.
enum class PetitionFlag { kRepeat, kLevelSkipping, kCollective, kLitigation };

// The states of DESIGN.md §3; see core/workflow.h for the moves between them.
enum class PetitionStatus {
    kRegistered,
    kAccepted,
    kNotAccepted,
    kForwarded,
    kAssigned,
    kReported,
    kReplied,
    kClosed,
    kReviewRequested,
    kReviewed,
    kRereviewRequested,
    kRereviewed,
    kTerminated,
    kLitigation,
};

enum class ReplyWay { kWritten, kPhone, kInPerson };

enum class Satisfaction { kSatisfied, kBasicallySatisfied, kUnsatisfied };

// Code and labels of every term. Each overload covers every enumerator of its type.
std::string_view Code(Channel value);
std::string_view Code(Source value);
std::string_view Code(Level value);
std::string_view Code(ContentType value);
std::string_view Code(LegalCategory value);
std::string_view Code(PollutionType value);
std::string_view Code(PetitionFlag value);
std::string_view Code(PetitionStatus value);
std::string_view Code(ReplyWay value);
std::string_view Code(Satisfaction value);

std::string_view LabelZh(Channel value);
std::string_view LabelZh(Source value);
std::string_view LabelZh(Level value);
std::string_view LabelZh(ContentType value);
std::string_view LabelZh(LegalCategory value);
std::string_view LabelZh(PollutionType value);
std::string_view LabelZh(PetitionFlag value);
std::string_view LabelZh(PetitionStatus value);
std::string_view LabelZh(ReplyWay value);
std::string_view LabelZh(Satisfaction value);

std::string_view LabelEn(Channel value);
std::string_view LabelEn(Source value);
std::string_view LabelEn(Level value);
std::string_view LabelEn(ContentType value);
std::string_view LabelEn(LegalCategory value);
std::string_view LabelEn(PollutionType value);
std::string_view LabelEn(PetitionFlag value);
std::string_view LabelEn(PetitionStatus value);
std::string_view LabelEn(ReplyWay value);
std::string_view LabelEn(Satisfaction value);

// Exact, case-sensitive match on the code; nullopt for anything else (labels are not codes).
std::optional<Channel> ParseChannel(std::string_view code);
std::optional<Source> ParseSource(std::string_view code);
std::optional<Level> ParseLevel(std::string_view code);
std::optional<ContentType> ParseContentType(std::string_view code);
std::optional<LegalCategory> ParseLegalCategory(std::string_view code);
std::optional<PollutionType> ParsePollutionType(std::string_view code);
std::optional<PetitionFlag> ParsePetitionFlag(std::string_view code);
std::optional<PetitionStatus> ParsePetitionStatus(std::string_view code);
std::optional<ReplyWay> ParseReplyWay(std::string_view code);
std::optional<Satisfaction> ParseSatisfaction(std::string_view code);

// Every value of a vocabulary, in display order.
const std::vector<Channel>& AllChannels();
const std::vector<Source>& AllSources();
const std::vector<Level>& AllLevels();
const std::vector<ContentType>& AllContentTypes();
const std::vector<LegalCategory>& AllLegalCategories();
const std::vector<PollutionType>& AllPollutionTypes();
const std::vector<PetitionFlag>& AllPetitionFlags();
const std::vector<PetitionStatus>& AllPetitionStatuses();
const std::vector<ReplyWay>& AllReplyWays();
const std::vector<Satisfaction>& AllSatisfactions();

struct VocabularyTerm {
    std::string_view code;
    std::string_view zh;
    std::string_view en;
};

// One vocabulary as GET /api/v1/vocabularies shows it: `name` is the key in that object
// ("channels", "sources", "levels", "content_types", "legal_categories", "pollution_types",
// "petition_flags", "petition_statuses", "reply_ways", "satisfactions").
struct Vocabulary {
    std::string_view name;
    std::vector<VocabularyTerm> terms;
};

// The ten petition vocabularies above, in that order. The workflow actions are added by
// core/workflow.h (ActionVocabulary).
std::vector<Vocabulary> PetitionVocabularies();

// A petition lodged above the district (区级) is level-skipping 越级访 (issue 3).
bool ImpliesLevelSkipping(Level level);

// No further step changes the petition's status: not accepted, forwarded to another agency,
// terminated after re-review, or sent to the legal channel.
bool IsFinalStatus(PetitionStatus status);

// The readable petition code "XF-2023-00012": year and yearly sequence number, the sequence at
// least five digits wide. Precondition: 1 <= sequence.
std::string FormatPetitionCode(int year, std::int64_t sequence);

}  // namespace xinfang::core
