#include "core/key_case.h"

#include <array>
#include <cstdio>

namespace xinfang::core {
namespace {

template <typename E>
struct Term {
    E value;
    std::string_view code;
    std::string_view zh;
};

constexpr std::array<Term<KeyCaseStage>, 3> kStages = {{
    {KeyCaseStage::kResolving, "resolving", "化解中"},
    {KeyCaseStage::kStabilising, "stabilising", "稳控中"},
    {KeyCaseStage::kResolved, "resolved", "已化解"},
}};

constexpr std::array<Term<OwnerLevel>, 2> kOwnerLevels = {{
    {OwnerLevel::kBureau, "bureau", "局领导包案"},
    {OwnerLevel::kDistrict, "district", "区领导包案"},
}};

constexpr std::array<Term<LedgerKind>, 6> kLedgerKinds = {{
    {LedgerKind::kFieldVisit, "field_visit", "带案下访"},
    {LedgerKind::kInspection, "inspection", "现场检查"},
    {LedgerKind::kConsultation, "consultation", "属地会商"},
    {LedgerKind::kCall, "call", "电话沟通"},
    {LedgerKind::kPetition, "petition", "收到信访"},
    {LedgerKind::kOther, "other", "其他"},
}};

template <typename E, std::size_t N>
const Term<E>& Find(const std::array<Term<E>, N>& terms, E value) {
    for (const auto& term : terms) {
        if (term.value == value) return term;
    }
    return terms[0];
}

template <typename E, std::size_t N>
std::optional<E> Parse(const std::array<Term<E>, N>& terms, std::string_view code) {
    for (const auto& term : terms) {
        if (term.code == code) return term.value;
    }
    return std::nullopt;
}

}  // namespace

std::string_view KeyCaseStageCode(KeyCaseStage stage) { return Find(kStages, stage).code; }
std::string_view KeyCaseStageLabelZh(KeyCaseStage stage) { return Find(kStages, stage).zh; }
const std::vector<KeyCaseStage>& AllKeyCaseStages() {
    static const std::vector<KeyCaseStage> all = [] {
        std::vector<KeyCaseStage> out;
        for (const auto& term : kStages) out.push_back(term.value);
        return out;
    }();
    return all;
}

std::optional<KeyCaseStage> ParseKeyCaseStage(std::string_view code) {
    return Parse(kStages, code);
}

std::string_view OwnerLevelCode(OwnerLevel level) { return Find(kOwnerLevels, level).code; }
std::string_view OwnerLevelLabelZh(OwnerLevel level) { return Find(kOwnerLevels, level).zh; }
std::optional<OwnerLevel> ParseOwnerLevel(std::string_view code) {
    return Parse(kOwnerLevels, code);
}

std::string_view LedgerKindCode(LedgerKind kind) { return Find(kLedgerKinds, kind).code; }
std::string_view LedgerKindLabelZh(LedgerKind kind) { return Find(kLedgerKinds, kind).zh; }
std::optional<LedgerKind> ParseLedgerKind(std::string_view code) {
    return Parse(kLedgerKinds, code);
}
const std::vector<LedgerKind>& AllLedgerKinds() {
    static const std::vector<LedgerKind> kinds = [] {
        std::vector<LedgerKind> out;
        for (const auto& term : kLedgerKinds) out.push_back(term.value);
        return out;
    }();
    return kinds;
}

std::optional<std::string> StageChangeProblem(KeyCaseStage from, KeyCaseStage to,
                                              bool has_closing_report) {
    if (from == to) return std::nullopt;
    if (to == KeyCaseStage::kResolved) {
        if (!has_closing_report) return "结案须先填写结案报告";
        return std::nullopt;
    }
    if (from == KeyCaseStage::kResolved && to != KeyCaseStage::kResolving) {
        return "已化解的问题只能重新转为化解中";
    }
    return std::nullopt;
}

std::optional<std::string> EscalationProblem(const EscalationFacts& facts) {
    if (facts.stage == KeyCaseStage::kResolved) return "已化解的问题无需层级上提";
    if (facts.owner_level == OwnerLevel::kDistrict) return "该问题已上提至区领导";
    if (!facts.repeat && !facts.level_skipping) {
        return "只有重复访或越级访的重点问题可以层级上提";
    }
    return std::nullopt;
}

Date MonthlyReportDue(Month month, const Calendar& calendar) {
    Month next = month.Next();
    return calendar.NextWorkingDayOnOrAfter(Date(next.year, next.month, 20));
}

std::string_view ReportStateCode(ReportState state) {
    switch (state) {
        case ReportState::kPending:
            return "pending";
        case ReportState::kSubmitted:
            return "submitted";
        case ReportState::kLate:
            return "late";
        case ReportState::kMissing:
            return "missing";
    }
    return "pending";
}

ReportState MonthlyReportState(Date due, std::optional<Date> submitted_on, Date today) {
    if (submitted_on) return *submitted_on <= due ? ReportState::kSubmitted : ReportState::kLate;
    return today > due ? ReportState::kMissing : ReportState::kPending;
}

std::string_view VisitStateCode(VisitState state) {
    switch (state) {
        case VisitState::kVisited:
            return "visited";
        case VisitState::kPlanned:
            return "planned";
        case VisitState::kMissing:
            return "missing";
        case VisitState::kFuture:
            return "future";
    }
    return "future";
}

VisitState GroupVisitState(Month month, int done_visits, Date today) {
    if (done_visits > 0) return VisitState::kVisited;
    if (today < month.First()) return VisitState::kFuture;
    if (today > month.Last()) return VisitState::kMissing;
    return VisitState::kPlanned;
}

}  // namespace xinfang::core
