#include "core/workflow.h"

#include <algorithm>
#include <array>

namespace xinfang::core {
namespace {

using S = PetitionStatus;

struct ActionInfo {
    Action action;
    std::string_view code;
    std::string_view zh;
    std::string_view en;
};

constexpr std::array<ActionInfo, 16> kActions = {{
    {Action::kAccept, "accept", "受理", "Accept"},
    {Action::kDecline, "decline", "不予受理", "Decline"},
    {Action::kForward, "forward", "转送", "Forward"},
    {Action::kAssign, "assign", "交办", "Assign"},
    {Action::kReport, "report", "反馈办理情况", "Report"},
    {Action::kReply, "reply", "答复", "Reply"},
    {Action::kRecordSatisfaction, "record_satisfaction", "登记满意度", "Record satisfaction"},
    {Action::kClose, "close", "办结", "Close"},
    {Action::kRequestReview, "request_review", "申请复查", "Request review"},
    {Action::kDecideReview, "decide_review", "复查意见", "Decide review"},
    {Action::kRequestRereview, "request_rereview", "申请复核", "Request re-review"},
    {Action::kDecideRereview, "decide_rereview", "复核意见", "Decide re-review"},
    {Action::kMarkLitigation, "mark_litigation", "诉访分离", "Refer to legal channel"},
    {Action::kExtend, "extend", "延期", "Extend"},
    {Action::kSupervise, "supervise", "督办", "Supervise"},
    {Action::kAnswerSupervision, "answer_supervision", "督办回复", "Answer supervision"},
}};

const ActionInfo& Info(Action action) {
    for (const auto& info : kActions) {
        if (info.action == action) return info;
    }
    return kActions[0];
}

// Who may take an action: the coordination section (and the administrator, who can stand in
// for it), the unit the petition is assigned to, or a bureau leader.
enum class Actor { kSection, kSectionOrAssignee, kAssignee, kLeader };

struct Rule {
    Action action;
    Actor actor;
    std::vector<S> from;
};

// The open statuses are those in which the bureau still owes the petitioner something.
const std::vector<Rule>& Rules() {
    static const std::vector<Rule> rules = {
        {Action::kAccept, Actor::kSection, {S::kRegistered}},
        {Action::kDecline, Actor::kSection, {S::kRegistered}},
        {Action::kForward, Actor::kSection, {S::kRegistered}},
        {Action::kAssign, Actor::kSection, {S::kAccepted, S::kAssigned, S::kReported}},
        {Action::kReport, Actor::kSectionOrAssignee, {S::kAssigned}},
        {Action::kReply, Actor::kSection, {S::kAccepted, S::kReported}},
        {Action::kRecordSatisfaction,
         Actor::kSection,
         {S::kReplied, S::kClosed, S::kReviewed, S::kRereviewed, S::kTerminated}},
        {Action::kClose, Actor::kSection, {S::kReplied, S::kReviewed, S::kRereviewed}},
        {Action::kRequestReview, Actor::kSection, {S::kReplied, S::kClosed}},
        {Action::kDecideReview, Actor::kSection, {S::kReviewRequested}},
        {Action::kRequestRereview, Actor::kSection, {S::kReviewed, S::kClosed}},
        {Action::kDecideRereview, Actor::kSection, {S::kRereviewRequested}},
        {Action::kMarkLitigation,
         Actor::kSection,
         {S::kRegistered, S::kAccepted, S::kAssigned, S::kReported, S::kReplied,
          S::kReviewRequested, S::kReviewed, S::kRereviewRequested}},
        {Action::kExtend, Actor::kLeader, {S::kAccepted, S::kAssigned, S::kReported}},
        // A supervision notice 督办单 is addressed to the unit handling the matter, and only that
        // unit answers it: the section cannot close its own notice.
        {Action::kSupervise, Actor::kSection, {S::kAssigned, S::kReported}},
        {Action::kAnswerSupervision, Actor::kAssignee, {S::kAssigned, S::kReported}},
    };
    return rules;
}

const Rule& RuleOf(Action action) {
    const auto& rules = Rules();
    return *std::find_if(rules.begin(), rules.end(),
                         [action](const Rule& rule) { return rule.action == action; });
}

// Client clocks (a reception-desk PC, a phone in the field) drift; a step stamped a little
// ahead of the server is still a step that just happened.
constexpr std::int64_t kClockSkewSeconds = 5 * 60;

WorkflowError Error(WorkflowErrorKind kind, std::string code, std::string message,
                    std::string field = {}) {
    return {kind, std::move(code), std::move(message), std::move(field)};
}

std::string Quoted(std::string_view text) { return "“" + std::string(text) + "”"; }

bool IsSection(Role role) { return role == Role::kAdmin || role == Role::kCoordinator; }

std::optional<WorkflowError> CheckActor(Action action, Role actor, const TransitionFacts& facts) {
    const Rule& rule = RuleOf(action);
    bool allowed = false;
    switch (rule.actor) {
        case Actor::kSection:
            allowed = IsSection(actor);
            break;
        case Actor::kSectionOrAssignee:
            allowed = IsSection(actor) || actor == Role::kBureau || actor == Role::kTown;
            break;
        case Actor::kAssignee:
            allowed = actor == Role::kBureau || actor == Role::kTown;
            break;
        case Actor::kLeader:
            allowed = actor == Role::kLeader;
            break;
    }
    if (!allowed) {
        return Error(WorkflowErrorKind::kForbiddenRole, "workflow.forbidden_role",
                     std::string(RoleLabelZh(actor)) + "不能执行" + Quoted(LabelZh(action)));
    }

    bool unit_bound = actor == Role::kBureau || actor == Role::kTown;
    if (unit_bound && !facts.actor_unit_is_assignee) {
        return Error(WorkflowErrorKind::kForbiddenRole, "workflow.not_assignee",
                     "只能对本单位承办的信访件执行" + Quoted(LabelZh(action)));
    }
    return std::nullopt;
}

std::optional<WorkflowError> WrongState(PetitionStatus from, Action action) {
    return Error(
        WorkflowErrorKind::kWrongState, "workflow.wrong_state",
        "信访件当前状态为" + Quoted(LabelZh(from)) + "，不能执行" + Quoted(LabelZh(action)));
}

std::optional<WorkflowError> WindowClosed(std::string code, std::string what, int days) {
    return Error(WorkflowErrorKind::kWrongState, std::move(code),
                 "已超过" + what + "的期限（" + std::to_string(days) + "日）");
}

// A window without a known end is closed: the caller failed to supply it, and refusing is the
// side that changes nothing.
bool WindowOpen(const std::optional<Date>& due, Date day) { return due && day <= *due; }

std::optional<WorkflowError> CheckReviewRequests(PetitionStatus from, Action action, Date day,
                                                 const TransitionFacts& facts) {
    if (action == Action::kRequestReview) {
        if (facts.review_decided) return WrongState(from, action);
        if (!WindowOpen(facts.review_request_due, day)) {
            return WindowClosed("workflow.review_window_closed", "申请复查",
                                facts.limits.review_request_days);
        }
    }
    if (action == Action::kRequestRereview) {
        if (!facts.review_decided || facts.rereview_decided) return WrongState(from, action);
        if (!WindowOpen(facts.rereview_request_due, day)) {
            return WindowClosed("workflow.rereview_window_closed", "申请复核",
                                facts.limits.rereview_request_days);
        }
    }
    return std::nullopt;
}

std::optional<WorkflowError> CheckState(PetitionStatus from, Action action, std::int64_t at,
                                        const TransitionFacts& facts) {
    const auto& allowed = RuleOf(action).from;
    if (std::find(allowed.begin(), allowed.end(), from) == allowed.end()) {
        return WrongState(from, action);
    }

    if (action == Action::kExtend && facts.extension_granted) {
        return Error(WorkflowErrorKind::kWrongState, "workflow.extension_already_granted",
                     "办理期限已延长过一次，不能再次延期");
    }
    if (action == Action::kExtend && facts.handling_due && DateOf(at) > *facts.handling_due) {
        return Error(WorkflowErrorKind::kWrongState, "workflow.extension_too_late",
                     "办理期限（" + facts.handling_due->ToString() + "）已过，不能再延期");
    }
    if (action == Action::kAnswerSupervision && !facts.open_supervision) {
        return Error(WorkflowErrorKind::kWrongState, "workflow.no_open_supervision",
                     "没有待回复的督办单");
    }
    return CheckReviewRequests(from, action, DateOf(at), facts);
}

bool IsBlank(std::string_view text) {
    constexpr std::string_view kIdeographicSpace = "\u3000";
    while (!text.empty()) {
        if (text.starts_with(kIdeographicSpace)) {
            text.remove_prefix(kIdeographicSpace.size());
        } else if (text.front() == ' ' || (text.front() >= '\t' && text.front() <= '\r')) {
            text.remove_prefix(1);
        } else {
            return false;
        }
    }
    return true;
}

WorkflowError Required(std::string field, std::string_view label) {
    return Error(WorkflowErrorKind::kInvalid, "validation.required", "请填写" + std::string(label),
                 std::move(field));
}

std::optional<WorkflowError> CheckText(const std::string& value, std::string field,
                                       std::string_view label) {
    if (IsBlank(value)) return Required(std::move(field), label);
    return std::nullopt;
}

std::optional<WorkflowError> CheckAssignment(std::int64_t at, const TransitionFacts& facts) {
    const auto& payload = facts.payload;
    if (!payload.unit_id) return Required("unit_id", "承办单位");
    if (IsBlank(payload.requirements)) return Required("requirements", "办理要求");
    if (!payload.deadline) return Required("deadline", "办结期限");

    if (*payload.deadline < DateOf(at)) {
        return Error(WorkflowErrorKind::kInvalid, "workflow.deadline_before_step",
                     "办结期限不能早于交办日期", "deadline");
    }
    if (facts.handling_due && *payload.deadline > *facts.handling_due) {
        return Error(WorkflowErrorKind::kInvalid, "workflow.deadline_after_statutory",
                     "办结期限不能晚于法定办理期限（" + facts.handling_due->ToString() + "）",
                     "deadline");
    }
    return std::nullopt;
}

std::optional<WorkflowError> CheckExtension(const TransitionFacts& facts) {
    const auto& payload = facts.payload;
    if (!payload.extension_days) return Required("extension_days", "延期天数");

    int max_days = facts.limits.max_extension_days;
    if (*payload.extension_days < 1 || *payload.extension_days > max_days) {
        return Error(WorkflowErrorKind::kInvalid, "validation.invalid",
                     "延期天数应为1至" + std::to_string(max_days) + "日", "extension_days");
    }
    return CheckText(payload.reason, "reason", "延期理由");
}

std::optional<WorkflowError> CheckPayload(Action action, std::int64_t at,
                                          const TransitionFacts& facts) {
    const auto& payload = facts.payload;
    switch (action) {
        case Action::kDecline:
            return CheckText(payload.reason, "reason", "不予受理的理由");
        case Action::kForward:
            return CheckText(payload.agency, "agency", "转送机关");
        case Action::kAssign:
            return CheckAssignment(at, facts);
        case Action::kReport:
            return CheckText(payload.findings, "findings", "办理情况");
        case Action::kReply:
            if (auto error = CheckText(payload.content, "content", "答复内容")) return error;
            if (!payload.way) return Required("way", "答复方式");
            return std::nullopt;
        case Action::kRecordSatisfaction:
            if (!payload.satisfaction) return Required("satisfaction", "满意度");
            return std::nullopt;
        case Action::kDecideReview:
            return CheckText(payload.content, "content", "复查意见");
        case Action::kDecideRereview:
            return CheckText(payload.content, "content", "复核意见");
        case Action::kMarkLitigation:
            return CheckText(payload.reason, "reason", "转入法定途径的依据");
        case Action::kExtend:
            return CheckExtension(facts);
        case Action::kSupervise:
            if (payload.deadline && *payload.deadline < DateOf(at)) {
                return Error(WorkflowErrorKind::kInvalid, "workflow.deadline_before_step",
                             "督办回复期限不能早于督办日期", "deadline");
            }
            return CheckText(payload.content, "content", "督办内容");
        case Action::kAnswerSupervision:
            return CheckText(payload.content, "content", "督办回复内容");
        default:
            return std::nullopt;
    }
}

std::optional<WorkflowError> CheckTime(std::int64_t at, const TransitionFacts& facts) {
    if (at > facts.now + kClockSkewSeconds) {
        return Error(WorkflowErrorKind::kInvalid, "workflow.at_in_future",
                     "办理时间不能晚于当前时间", "at");
    }
    if (at < facts.previous_step_at) {
        return Error(WorkflowErrorKind::kInvalid, "workflow.at_before_previous",
                     "办理时间不能早于上一步骤的时间（" + FormatTime(facts.previous_step_at) + "）",
                     "at");
    }
    return std::nullopt;
}

PetitionStatus NextStatus(PetitionStatus from, Action action) {
    switch (action) {
        case Action::kAccept:
            return S::kAccepted;
        case Action::kDecline:
            return S::kNotAccepted;
        case Action::kForward:
            return S::kForwarded;
        case Action::kAssign:
            return S::kAssigned;
        case Action::kReport:
            return S::kReported;
        case Action::kReply:
            return S::kReplied;
        case Action::kClose:
            return from == S::kRereviewed ? S::kTerminated : S::kClosed;
        case Action::kRequestReview:
            return S::kReviewRequested;
        case Action::kDecideReview:
            return S::kReviewed;
        case Action::kRequestRereview:
            return S::kRereviewRequested;
        case Action::kDecideRereview:
            return S::kRereviewed;
        case Action::kMarkLitigation:
            return S::kLitigation;
        default:
            return from;
    }
}

}  // namespace

std::string_view Code(Action action) { return Info(action).code; }
std::string_view LabelZh(Action action) { return Info(action).zh; }
std::string_view LabelEn(Action action) { return Info(action).en; }

std::optional<Action> ParseAction(std::string_view code) {
    for (const auto& info : kActions) {
        if (info.code == code) return info.action;
    }
    return std::nullopt;
}

const std::vector<Action>& AllActions() {
    static const std::vector<Action> actions = [] {
        std::vector<Action> out;
        for (const auto& info : kActions) out.push_back(info.action);
        return out;
    }();
    return actions;
}

Vocabulary ActionVocabulary() {
    Vocabulary vocabulary{"workflow_actions", {}};
    for (const auto& info : kActions) vocabulary.terms.push_back({info.code, info.zh, info.en});
    return vocabulary;
}

bool IsEvent(Action action) {
    return action == Action::kExtend || action == Action::kSupervise ||
           action == Action::kAnswerSupervision || action == Action::kRecordSatisfaction;
}

int HttpStatus(WorkflowErrorKind kind) {
    switch (kind) {
        case WorkflowErrorKind::kForbiddenRole:
            return 403;
        case WorkflowErrorKind::kWrongState:
            return 409;
        case WorkflowErrorKind::kInvalid:
            return 400;
    }
    return 400;
}

TransitionResult CheckTransition(PetitionStatus from, Action action, Role actor,
                                 const TransitionFacts& facts) {
    TransitionResult result;
    result.at = facts.at.value_or(facts.now);

    result.error = CheckActor(action, actor, facts);
    if (!result.error) result.error = CheckState(from, action, result.at, facts);
    if (!result.error) result.error = CheckPayload(action, result.at, facts);
    if (!result.error) result.error = CheckTime(result.at, facts);

    if (result.ok()) result.next = NextStatus(from, action);
    return result;
}

std::vector<Action> AvailableActions(PetitionStatus status, Role actor,
                                     const TransitionFacts& facts) {
    std::vector<Action> available;
    for (Action action : AllActions()) {
        if (CheckActor(action, actor, facts)) continue;
        if (CheckState(status, action, facts.now, facts)) continue;
        available.push_back(action);
    }
    return available;
}

}  // namespace xinfang::core
