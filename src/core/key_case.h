#pragma once

// Key cases owned by leaders, their one-case-one-file archive, the groups' monthly field visits,
// the enforcement bureaus' monthly reports and escalation (issue 5; seed §四(二), 工作要求 2–4,
// Attachments 2 and 3). Plain rules without I/O: the handlers ask them and store the answers.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/calendar.h"
#include "core/date.h"

namespace xinfang::core {

// 化解中 → 稳控中 ↔ 化解中, and 已化解 only by closing with a closing report 结案报告.
enum class KeyCaseStage { kResolving, kStabilising, kResolved };
std::string_view KeyCaseStageCode(KeyCaseStage stage);
std::string_view KeyCaseStageLabelZh(KeyCaseStage stage);
std::optional<KeyCaseStage> ParseKeyCaseStage(std::string_view code);
// Every stage, in the order of the work: 化解中, 稳控中, 已化解.
const std::vector<KeyCaseStage>& AllKeyCaseStages();

// Who owns the case: a bureau leader (包案), or, once escalated, a district leader (区领导).
enum class OwnerLevel { kBureau, kDistrict };
std::string_view OwnerLevelCode(OwnerLevel level);
std::string_view OwnerLevelLabelZh(OwnerLevel level);
std::optional<OwnerLevel> ParseOwnerLevel(std::string_view code);

// Kinds of dated ledger (台帐) entries of seed 工作要求 2.
enum class LedgerKind { kFieldVisit, kInspection, kConsultation, kCall, kPetition, kOther };
std::string_view LedgerKindCode(LedgerKind kind);
std::string_view LedgerKindLabelZh(LedgerKind kind);
std::optional<LedgerKind> ParseLedgerKind(std::string_view code);
const std::vector<LedgerKind>& AllLedgerKinds();

// Why a stage change is refused (a Chinese message), or nullopt when it is allowed. Moving to
// resolved is closing: it needs the closing report. A resolved case is reopened only to
// resolving.
std::optional<std::string> StageChangeProblem(KeyCaseStage from, KeyCaseStage to,
                                              bool has_closing_report);

// Seed 工作要求 4: repeat petitions (重复访) or petitions lodged above the district (越级访) raise
// the owning level to a district leader. `level_above_district` is true when the case's own level
// or a linked petition's is above 区级.
struct EscalationFacts {
    OwnerLevel owner_level = OwnerLevel::kBureau;
    KeyCaseStage stage = KeyCaseStage::kResolving;
    bool repeat = false;
    bool level_skipping = false;
};
std::optional<std::string> EscalationProblem(const EscalationFacts& facts);

// The report of month M covers M's field visits and key-case progress, so it is due on the 20th
// of the month after M (seed 工作要求 4, "每月 20 日前"); a 20th that is a day off moves to the
// next working day, the rule of DESIGN.md §3 for every limit.
Date MonthlyReportDue(Month month, const Calendar& calendar);

enum class ReportState {
    kPending,    // not submitted, still before or on the due date
    kSubmitted,  // submitted on or before the due date
    kLate,       // submitted after the due date
    kMissing,    // not submitted and the due date has passed
};
std::string_view ReportStateCode(ReportState state);
ReportState MonthlyReportState(Date due, std::optional<Date> submitted_on, Date today);

enum class VisitState {
    kVisited,  // at least one visit recorded as done in the month
    kPlanned,  // the month is not over and a visit is planned or none yet
    kMissing,  // the month is over and no visit was done
    kFuture,   // the month has not begun
};
std::string_view VisitStateCode(VisitState state);
// A group's monthly field visit (seed 工作要求 2: "每月召集…开展带案下访").
VisitState GroupVisitState(Month month, int done_visits, Date today);

}  // namespace xinfang::core
