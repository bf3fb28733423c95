#pragma once

// The petition state machine of DESIGN.md §3 and issue 3: which action may move a petition from
// which status, by whom, with what data and at what time. Pure rules: the caller loads the facts
// (from the store and the session), asks CheckTransition, and records the step only when it
// succeeds, so a refused action changes nothing.
//
// Status moves:
//   registered --accept--> accepted --assign--> assigned --report--> reported --reply--> replied
//   registered --decline--> not_accepted; registered --forward--> forwarded
//   accepted --reply--> replied (a matter the section answers itself, e.g. a suggestion)
//   assigned|reported --assign--> assigned (reassigned, or sent back for more work)
//   replied|reviewed --close--> closed; rereviewed --close--> terminated (final, 终结)
//   replied|closed --request_review--> review_requested --decide_review--> reviewed
//   reviewed|closed --request_rereview--> rereview_requested --decide_rereview--> rereviewed
//   any open status, replied, reviewed --mark_litigation--> litigation (诉访分离)
// Events that keep the status: extend (延期), supervise (督办), answer_supervision,
// record_satisfaction.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/access.h"
#include "core/date.h"
#include "core/deadlines.h"
#include "core/petition.h"

namespace xinfang::core {

enum class Action {
    kAccept,
    kDecline,
    kForward,
    kAssign,
    kReport,
    kReply,
    kRecordSatisfaction,
    kClose,
    kRequestReview,
    kDecideReview,
    kRequestRereview,
    kDecideRereview,
    kMarkLitigation,
    kExtend,
    kSupervise,
    kAnswerSupervision,
};

// Codes as in the API body's "action": accept, decline, forward, assign, report, reply,
// record_satisfaction, close, request_review, decide_review, request_rereview, decide_rereview,
// mark_litigation, extend, supervise, answer_supervision.
std::string_view Code(Action action);
std::string_view LabelZh(Action action);
std::string_view LabelEn(Action action);
std::optional<Action> ParseAction(std::string_view code);
const std::vector<Action>& AllActions();

// "workflow_actions", for GET /api/v1/vocabularies.
Vocabulary ActionVocabulary();

// Extend, supervise, answer_supervision and record_satisfaction are timeline events: they never
// change the status.
bool IsEvent(Action action);

// What the request carries besides the action. Text counts as given when it holds anything but
// whitespace. The API body uses the field names in the comments, and errors name them.
struct TransitionPayload {
    std::string reason;                        // "reason": decline, mark_litigation, extend
    std::string agency;                        // "agency": forward, the receiving agency
    std::optional<std::int64_t> unit_id;       // "unit_id": assign, the handling unit
    std::string requirements;                  // "requirements": assign
    std::optional<Date> deadline;              // "deadline": assign, the unit's target 限期办结
    std::string findings;                      // "findings": report, the unit's 办理情况
    std::string content;                       // "content": reply, decide_*, supervise, answer
    std::optional<ReplyWay> way;               // "way": reply
    std::optional<Satisfaction> satisfaction;  // "satisfaction": record_satisfaction
    std::optional<int> extension_days;         // "extension_days": extend
};

// Everything the rules look at besides status, action and role.
struct TransitionFacts {
    std::int64_t now = 0;               // the server clock
    std::optional<std::int64_t> at;     // when the step happened ("at"); now when absent
    std::int64_t previous_step_at = 0;  // the latest recorded step, or the receipt time

    // The actor's unit is the unit the petition is currently assigned to. Only bureau and town
    // users need it.
    bool actor_unit_is_assignee = false;

    bool extension_granted = false;  // a leader already extended the handling limit
    bool open_supervision = false;   // a 督办单 waits for the assignee's answer
    bool review_decided = false;     // a 复查 decision has been recorded
    bool rereview_decided = false;   // a 复核 decision has been recorded

    // From ComputeDeadlines. The review windows must be filled once the reply / review decision
    // exists; an empty window counts as closed. A missing handling date skips the checks that
    // need it (extension in time, target within the law).
    std::optional<Date> review_request_due;
    std::optional<Date> rereview_request_due;
    std::optional<Date> handling_due;  // EffectiveHandling()

    TimeLimits limits;
    TransitionPayload payload;
};

enum class WorkflowErrorKind {
    kForbiddenRole,  // HTTP 403
    kWrongState,     // HTTP 409
    kInvalid,        // HTTP 400
};

int HttpStatus(WorkflowErrorKind kind);

// `code` is stable (e.g. "workflow.wrong_state", "validation.required"); `message` is Chinese
// for the user; `field` names the request field at fault, or is empty.
struct WorkflowError {
    WorkflowErrorKind kind = WorkflowErrorKind::kInvalid;
    std::string code;
    std::string message;
    std::string field;
};

// Success: `next` is the status after the step (the same status for an event) and `at` the
// effective time of the step, from which deadlines count. Failure: `error` set.
struct TransitionResult {
    std::optional<PetitionStatus> next;
    std::int64_t at = 0;
    std::optional<WorkflowError> error;

    bool ok() const { return !error.has_value(); }
};

// Checks in this order and reports the first failure:
//   1. the role may take the action at all, and a bureau or town user only on its own
//      assignment                                                   (403 workflow.forbidden_role,
//                                                                        workflow.not_assignee)
//   2. the action is possible from `from` and the facts (extension once and in time, review
//      windows open, a supervision notice to answer)                (409 workflow.wrong_state and
//                                                                        the specific codes)
//   3. the payload carries what the action needs                    (400 validation.required,
//                                                                        validation.invalid, ...)
//   4. `at` is not in the future (five minutes of clock skew allowed) nor before the previous
//      step                                           (400 workflow.at_in_future,
//      at_before_previous)
TransitionResult CheckTransition(PetitionStatus from, Action action, Role actor,
                                 const TransitionFacts& facts);

// The actions that pass steps 1 and 2 for this actor now, in AllActions() order: what the UI
// offers. Payload and `at` are not looked at; `now` is used for the review windows.
std::vector<Action> AvailableActions(PetitionStatus status, Role actor,
                                     const TransitionFacts& facts);

}  // namespace xinfang::core
