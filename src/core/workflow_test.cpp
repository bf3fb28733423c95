#include "core/workflow.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>
#include <tuple>

namespace xinfang::core {
namespace {

using testing::ElementsAre;
using testing::HasSubstr;
using S = PetitionStatus;
using A = Action;

Date D(const char* text) { return *Date::Parse(text); }
std::int64_t T(const char* text) { return *ParseTime(text); }

// Facts under which every action's own conditions hold, so a test changes only what it checks.
TransitionFacts PermissiveFacts() {
    TransitionFacts facts;
    facts.now = T("2023-10-10T10:00:00+08:00");
    facts.previous_step_at = T("2023-10-09T10:00:00+08:00");
    facts.actor_unit_is_assignee = true;
    facts.open_supervision = true;
    facts.review_request_due = D("2023-10-20");
    facts.rereview_request_due = D("2023-10-20");
    facts.handling_due = D("2023-11-30");
    auto& payload = facts.payload;
    payload.reason = "理由";
    payload.agency = "南通市自然资源和规划局";
    payload.unit_id = 7;
    payload.requirements = "现场核查并限期整改";
    payload.deadline = D("2023-10-31");
    payload.findings = "已现场检查，企业已整改";
    payload.content = "答复内容";
    payload.way = ReplyWay::kWritten;
    payload.satisfaction = Satisfaction::kSatisfied;
    payload.extension_days = 30;
    return facts;
}

// The role that takes each action when a test only cares about states: the section for most,
// the assigned unit for answering a supervision notice.
Role ActorFor(A action) {
    return action == A::kAnswerSupervision ? Role::kBureau : Role::kCoordinator;
}

TransitionResult Check(S from, A action, Role role, const TransitionFacts& facts) {
    return CheckTransition(from, action, role, facts);
}

void ExpectError(const TransitionResult& result, WorkflowErrorKind kind, std::string_view code,
                 std::string_view field = {}) {
    ASSERT_FALSE(result.ok());
    EXPECT_FALSE(result.next);
    EXPECT_EQ(result.error->kind, kind);
    EXPECT_EQ(result.error->code, code);
    EXPECT_EQ(result.error->field, field);
    EXPECT_FALSE(result.error->message.empty());
}

// The moves of DESIGN.md §3 as this test reads them, written out independently of the
// implementation's table.
const std::set<std::tuple<S, A, S>>& ExpectedMoves() {
    static const std::set<std::tuple<S, A, S>> moves = {
        {S::kRegistered, A::kAccept, S::kAccepted},
        {S::kRegistered, A::kDecline, S::kNotAccepted},
        {S::kRegistered, A::kForward, S::kForwarded},
        {S::kAccepted, A::kAssign, S::kAssigned},
        {S::kAssigned, A::kAssign, S::kAssigned},
        {S::kReported, A::kAssign, S::kAssigned},
        {S::kAssigned, A::kReport, S::kReported},
        {S::kAccepted, A::kReply, S::kReplied},
        {S::kReported, A::kReply, S::kReplied},
        {S::kReplied, A::kClose, S::kClosed},
        {S::kReviewed, A::kClose, S::kClosed},
        {S::kRereviewed, A::kClose, S::kTerminated},
        {S::kReplied, A::kRequestReview, S::kReviewRequested},
        {S::kClosed, A::kRequestReview, S::kReviewRequested},
        {S::kReviewRequested, A::kDecideReview, S::kReviewed},
        {S::kReviewed, A::kRequestRereview, S::kRereviewRequested},
        {S::kClosed, A::kRequestRereview, S::kRereviewRequested},
        {S::kRereviewRequested, A::kDecideRereview, S::kRereviewed},
        {S::kReplied, A::kRecordSatisfaction, S::kReplied},
        {S::kClosed, A::kRecordSatisfaction, S::kClosed},
        {S::kReviewed, A::kRecordSatisfaction, S::kReviewed},
        {S::kRereviewed, A::kRecordSatisfaction, S::kRereviewed},
        {S::kTerminated, A::kRecordSatisfaction, S::kTerminated},
        {S::kAssigned, A::kSupervise, S::kAssigned},
        {S::kReported, A::kSupervise, S::kReported},
        {S::kAssigned, A::kAnswerSupervision, S::kAssigned},
        {S::kReported, A::kAnswerSupervision, S::kReported},
        {S::kRegistered, A::kMarkLitigation, S::kLitigation},
        {S::kAccepted, A::kMarkLitigation, S::kLitigation},
        {S::kAssigned, A::kMarkLitigation, S::kLitigation},
        {S::kReported, A::kMarkLitigation, S::kLitigation},
        {S::kReplied, A::kMarkLitigation, S::kLitigation},
        {S::kReviewRequested, A::kMarkLitigation, S::kLitigation},
        {S::kReviewed, A::kMarkLitigation, S::kLitigation},
        {S::kRereviewRequested, A::kMarkLitigation, S::kLitigation},
    };
    return moves;
}

TEST(WorkflowTest, CoordinatorMovesAreExactlyTheDocumentedOnes) {
    for (S from : AllPetitionStatuses()) {
        for (A action : AllActions()) {
            if (action == A::kExtend) continue;
            TransitionFacts facts = PermissiveFacts();
            // A re-review can only follow a decided review; a review only an undecided one.
            facts.review_decided = action == A::kRequestRereview;

            auto result = Check(from, action, ActorFor(action), facts);

            std::optional<S> expected;
            for (const auto& [f, a, to] : ExpectedMoves()) {
                if (f == from && a == action) expected = to;
            }
            SCOPED_TRACE(std::string(Code(from)) + " " + std::string(Code(action)));
            if (expected) {
                ASSERT_TRUE(result.ok()) << result.error->code << " " << result.error->message;
                EXPECT_EQ(result.next, *expected);
            } else {
                ExpectError(result, WorkflowErrorKind::kWrongState, "workflow.wrong_state");
            }
        }
    }
}

TEST(WorkflowTest, AdminStandsInForTheSection) {
    auto result = Check(S::kRegistered, A::kAccept, Role::kAdmin, PermissiveFacts());

    ASSERT_TRUE(result.ok());
    EXPECT_EQ(result.next, S::kAccepted);
}

TEST(WorkflowTest, FullPathFromRegistrationToClosure) {
    TransitionFacts facts = PermissiveFacts();
    S status = S::kRegistered;
    const std::vector<std::pair<A, Role>> steps = {
        {A::kAccept, Role::kCoordinator}, {A::kAssign, Role::kCoordinator},
        {A::kReport, Role::kBureau},      {A::kReply, Role::kCoordinator},
        {A::kClose, Role::kCoordinator},
    };

    for (const auto& [action, role] : steps) {
        auto result = Check(status, action, role, facts);
        ASSERT_TRUE(result.ok()) << Code(action) << ": " << result.error->message;
        status = *result.next;
    }

    EXPECT_EQ(status, S::kClosed);
}

TEST(WorkflowTest, ReviewPathEndsTerminated) {
    TransitionFacts facts = PermissiveFacts();
    S status = S::kReplied;
    for (A action : {A::kRequestReview, A::kDecideReview, A::kRequestRereview, A::kDecideRereview,
                     A::kClose}) {
        facts.review_decided = status == S::kReviewed;
        auto result = Check(status, action, Role::kCoordinator, facts);
        ASSERT_TRUE(result.ok()) << Code(action) << ": " << result.error->message;
        status = *result.next;
    }

    EXPECT_EQ(status, S::kTerminated);
    EXPECT_TRUE(IsFinalStatus(status));
}

TEST(WorkflowTest, BureauAndTownCannotTakeSectionActions) {
    for (Role role : {Role::kBureau, Role::kTown, Role::kLeader, Role::kViewer}) {
        auto result = Check(S::kRegistered, A::kAccept, role, PermissiveFacts());
        ExpectError(result, WorkflowErrorKind::kForbiddenRole, "workflow.forbidden_role");
    }
    auto close = Check(S::kReplied, A::kClose, Role::kBureau, PermissiveFacts());
    ExpectError(close, WorkflowErrorKind::kForbiddenRole, "workflow.forbidden_role");
}

TEST(WorkflowTest, RoleIsCheckedBeforeState) {
    auto result = Check(S::kClosed, A::kAccept, Role::kBureau, PermissiveFacts());

    ExpectError(result, WorkflowErrorKind::kForbiddenRole, "workflow.forbidden_role");
    EXPECT_THAT(result.error->message, HasSubstr("执法局"));
    EXPECT_THAT(result.error->message, HasSubstr("受理"));
}

TEST(WorkflowTest, BureauReportsOnlyOnItsOwnAssignment) {
    TransitionFacts facts = PermissiveFacts();
    auto own = Check(S::kAssigned, A::kReport, Role::kBureau, facts);
    EXPECT_TRUE(own.ok());
    EXPECT_EQ(own.next, S::kReported);

    facts.actor_unit_is_assignee = false;
    ExpectError(Check(S::kAssigned, A::kReport, Role::kBureau, facts),
                WorkflowErrorKind::kForbiddenRole, "workflow.not_assignee");
    ExpectError(Check(S::kAssigned, A::kReport, Role::kTown, facts),
                WorkflowErrorKind::kForbiddenRole, "workflow.not_assignee");
}

TEST(WorkflowTest, SectionMayRecordAUnitsReportOnItsBehalf) {
    TransitionFacts facts = PermissiveFacts();
    facts.actor_unit_is_assignee = false;

    EXPECT_TRUE(Check(S::kAssigned, A::kReport, Role::kCoordinator, facts).ok());
}

TEST(WorkflowTest, BureauReportInWrongStateIsAConflict) {
    auto result = Check(S::kReported, A::kReport, Role::kBureau, PermissiveFacts());

    ExpectError(result, WorkflowErrorKind::kWrongState, "workflow.wrong_state");
    EXPECT_THAT(result.error->message, HasSubstr("已反馈"));
}

TEST(WorkflowTest, WrongStateNamesTheStatusAndAction) {
    auto result = Check(S::kClosed, A::kAccept, Role::kCoordinator, PermissiveFacts());

    ExpectError(result, WorkflowErrorKind::kWrongState, "workflow.wrong_state");
    EXPECT_THAT(result.error->message, HasSubstr("已办结"));
    EXPECT_THAT(result.error->message, HasSubstr("受理"));
}

TEST(WorkflowTest, StateIsCheckedBeforePayload) {
    TransitionFacts facts = PermissiveFacts();
    facts.payload.reason.clear();

    ExpectError(Check(S::kAccepted, A::kDecline, Role::kCoordinator, facts),
                WorkflowErrorKind::kWrongState, "workflow.wrong_state");
}

TEST(WorkflowTest, DeclineNeedsAReason) {
    TransitionFacts facts = PermissiveFacts();
    for (const char* blank : {"", "   ", "\t\n", "\u3000 \u3000"}) {
        facts.payload.reason = blank;
        ExpectError(Check(S::kRegistered, A::kDecline, Role::kCoordinator, facts),
                    WorkflowErrorKind::kInvalid, "validation.required", "reason");
    }
}

TEST(WorkflowTest, ForwardNeedsAnAgency) {
    TransitionFacts facts = PermissiveFacts();
    facts.payload.agency.clear();

    ExpectError(Check(S::kRegistered, A::kForward, Role::kCoordinator, facts),
                WorkflowErrorKind::kInvalid, "validation.required", "agency");
}

TEST(WorkflowTest, AssignNeedsUnitRequirementsAndDeadline) {
    TransitionFacts facts = PermissiveFacts();
    facts.payload.unit_id.reset();
    ExpectError(Check(S::kAccepted, A::kAssign, Role::kCoordinator, facts),
                WorkflowErrorKind::kInvalid, "validation.required", "unit_id");

    facts = PermissiveFacts();
    facts.payload.requirements = " ";
    ExpectError(Check(S::kAccepted, A::kAssign, Role::kCoordinator, facts),
                WorkflowErrorKind::kInvalid, "validation.required", "requirements");

    facts = PermissiveFacts();
    facts.payload.deadline.reset();
    ExpectError(Check(S::kAccepted, A::kAssign, Role::kCoordinator, facts),
                WorkflowErrorKind::kInvalid, "validation.required", "deadline");
}

TEST(WorkflowTest, AssignmentDeadlineLiesBetweenTheStepAndTheStatutoryLimit) {
    TransitionFacts facts = PermissiveFacts();
    facts.payload.deadline = D("2023-10-09");
    ExpectError(Check(S::kAccepted, A::kAssign, Role::kCoordinator, facts),
                WorkflowErrorKind::kInvalid, "workflow.deadline_before_step", "deadline");

    facts.payload.deadline = D("2023-10-10");
    EXPECT_TRUE(Check(S::kAccepted, A::kAssign, Role::kCoordinator, facts).ok());

    facts.payload.deadline = D("2023-11-30");
    EXPECT_TRUE(Check(S::kAccepted, A::kAssign, Role::kCoordinator, facts).ok());

    facts.payload.deadline = D("2023-12-01");
    auto late = Check(S::kAccepted, A::kAssign, Role::kCoordinator, facts);
    ExpectError(late, WorkflowErrorKind::kInvalid, "workflow.deadline_after_statutory", "deadline");
    EXPECT_THAT(late.error->message, HasSubstr("2023-11-30"));

    facts.handling_due.reset();
    EXPECT_TRUE(Check(S::kAccepted, A::kAssign, Role::kCoordinator, facts).ok());
}

TEST(WorkflowTest, ReportNeedsFindings) {
    TransitionFacts facts = PermissiveFacts();
    facts.payload.findings.clear();

    ExpectError(Check(S::kAssigned, A::kReport, Role::kBureau, facts), WorkflowErrorKind::kInvalid,
                "validation.required", "findings");
}

TEST(WorkflowTest, ReplyNeedsContentAndWay) {
    TransitionFacts facts = PermissiveFacts();
    facts.payload.content.clear();
    ExpectError(Check(S::kReported, A::kReply, Role::kCoordinator, facts),
                WorkflowErrorKind::kInvalid, "validation.required", "content");

    facts = PermissiveFacts();
    facts.payload.way.reset();
    ExpectError(Check(S::kReported, A::kReply, Role::kCoordinator, facts),
                WorkflowErrorKind::kInvalid, "validation.required", "way");
}

TEST(WorkflowTest, SatisfactionIsAnEventThatNeedsAValue) {
    TransitionFacts facts = PermissiveFacts();
    auto result = Check(S::kReplied, A::kRecordSatisfaction, Role::kCoordinator, facts);
    ASSERT_TRUE(result.ok());
    EXPECT_EQ(result.next, S::kReplied);

    facts.payload.satisfaction.reset();
    ExpectError(Check(S::kReplied, A::kRecordSatisfaction, Role::kCoordinator, facts),
                WorkflowErrorKind::kInvalid, "validation.required", "satisfaction");
}

TEST(WorkflowTest, ReviewDecisionsNeedAnOpinion) {
    TransitionFacts facts = PermissiveFacts();
    facts.payload.content.clear();

    ExpectError(Check(S::kReviewRequested, A::kDecideReview, Role::kCoordinator, facts),
                WorkflowErrorKind::kInvalid, "validation.required", "content");
    ExpectError(Check(S::kRereviewRequested, A::kDecideRereview, Role::kCoordinator, facts),
                WorkflowErrorKind::kInvalid, "validation.required", "content");
}

TEST(WorkflowTest, LitigationNeedsAReason) {
    TransitionFacts facts = PermissiveFacts();
    facts.payload.reason.clear();

    ExpectError(Check(S::kAssigned, A::kMarkLitigation, Role::kCoordinator, facts),
                WorkflowErrorKind::kInvalid, "validation.required", "reason");
}

TEST(WorkflowTest, OnlyALeaderExtends) {
    auto result = Check(S::kAssigned, A::kExtend, Role::kLeader, PermissiveFacts());
    ASSERT_TRUE(result.ok());
    EXPECT_EQ(result.next, S::kAssigned) << "an extension is an event, not a state";

    for (Role role :
         {Role::kAdmin, Role::kCoordinator, Role::kBureau, Role::kTown, Role::kViewer}) {
        ExpectError(Check(S::kAssigned, A::kExtend, role, PermissiveFacts()),
                    WorkflowErrorKind::kForbiddenRole, "workflow.forbidden_role");
    }
}

TEST(WorkflowTest, ExtensionOnlyWhileHandling) {
    for (S status : {S::kAccepted, S::kAssigned, S::kReported}) {
        EXPECT_TRUE(Check(status, A::kExtend, Role::kLeader, PermissiveFacts()).ok());
    }
    for (S status : {S::kRegistered, S::kReplied, S::kClosed, S::kReviewRequested}) {
        ExpectError(Check(status, A::kExtend, Role::kLeader, PermissiveFacts()),
                    WorkflowErrorKind::kWrongState, "workflow.wrong_state");
    }
}

TEST(WorkflowTest, ExtensionOnlyOnce) {
    TransitionFacts facts = PermissiveFacts();
    facts.extension_granted = true;

    ExpectError(Check(S::kAssigned, A::kExtend, Role::kLeader, facts),
                WorkflowErrorKind::kWrongState, "workflow.extension_already_granted");
}

TEST(WorkflowTest, ExtensionBeforeTheHandlingLimitRunsOut) {
    TransitionFacts facts = PermissiveFacts();
    facts.handling_due = D("2023-10-10");
    EXPECT_TRUE(Check(S::kAssigned, A::kExtend, Role::kLeader, facts).ok());

    facts.handling_due = D("2023-10-09");
    ExpectError(Check(S::kAssigned, A::kExtend, Role::kLeader, facts),
                WorkflowErrorKind::kWrongState, "workflow.extension_too_late");
}

TEST(WorkflowTest, ExtensionDaysBetweenOneAndTheLimit) {
    TransitionFacts facts = PermissiveFacts();
    for (int days : {0, -1, 31, 365}) {
        facts.payload.extension_days = days;
        ExpectError(Check(S::kAssigned, A::kExtend, Role::kLeader, facts),
                    WorkflowErrorKind::kInvalid, "validation.invalid", "extension_days");
    }
    facts.payload.extension_days = 1;
    EXPECT_TRUE(Check(S::kAssigned, A::kExtend, Role::kLeader, facts).ok());

    facts.limits.max_extension_days = 15;
    facts.payload.extension_days = 20;
    ExpectError(Check(S::kAssigned, A::kExtend, Role::kLeader, facts), WorkflowErrorKind::kInvalid,
                "validation.invalid", "extension_days");
}

TEST(WorkflowTest, ExtensionNeedsDaysAndReason) {
    TransitionFacts facts = PermissiveFacts();
    facts.payload.extension_days.reset();
    ExpectError(Check(S::kAssigned, A::kExtend, Role::kLeader, facts), WorkflowErrorKind::kInvalid,
                "validation.required", "extension_days");

    facts = PermissiveFacts();
    facts.payload.reason.clear();
    ExpectError(Check(S::kAssigned, A::kExtend, Role::kLeader, facts), WorkflowErrorKind::kInvalid,
                "validation.required", "reason");
}

TEST(WorkflowTest, ReviewRequestWithinThirtyDaysOfTheReply) {
    TransitionFacts facts = PermissiveFacts();
    facts.review_request_due = D("2023-10-10");
    EXPECT_TRUE(Check(S::kReplied, A::kRequestReview, Role::kCoordinator, facts).ok());

    facts.review_request_due = D("2023-10-09");
    ExpectError(Check(S::kReplied, A::kRequestReview, Role::kCoordinator, facts),
                WorkflowErrorKind::kWrongState, "workflow.review_window_closed");

    facts.review_request_due.reset();
    ExpectError(Check(S::kReplied, A::kRequestReview, Role::kCoordinator, facts),
                WorkflowErrorKind::kWrongState, "workflow.review_window_closed");
}

TEST(WorkflowTest, ReviewWindowIsJudgedAtTheRecordedTime) {
    TransitionFacts facts = PermissiveFacts();
    facts.review_request_due = D("2023-10-05");
    facts.previous_step_at = T("2023-09-01T10:00:00+08:00");
    facts.at = T("2023-10-05T16:00:00+08:00");

    auto result = Check(S::kReplied, A::kRequestReview, Role::kCoordinator, facts);

    ASSERT_TRUE(result.ok());
    EXPECT_EQ(result.at, T("2023-10-05T16:00:00+08:00"));
}

TEST(WorkflowTest, RereviewRequestWithinThirtyDaysOfTheReviewDecision) {
    TransitionFacts facts = PermissiveFacts();
    facts.review_decided = true;
    facts.rereview_request_due = D("2023-10-09");

    ExpectError(Check(S::kReviewed, A::kRequestRereview, Role::kCoordinator, facts),
                WorkflowErrorKind::kWrongState, "workflow.rereview_window_closed");
}

TEST(WorkflowTest, AClosedPetitionAsksForTheNextReviewLevel) {
    TransitionFacts facts = PermissiveFacts();
    EXPECT_TRUE(Check(S::kClosed, A::kRequestReview, Role::kCoordinator, facts).ok());
    ExpectError(Check(S::kClosed, A::kRequestRereview, Role::kCoordinator, facts),
                WorkflowErrorKind::kWrongState, "workflow.wrong_state");

    facts.review_decided = true;
    ExpectError(Check(S::kClosed, A::kRequestReview, Role::kCoordinator, facts),
                WorkflowErrorKind::kWrongState, "workflow.wrong_state");
    EXPECT_TRUE(Check(S::kClosed, A::kRequestRereview, Role::kCoordinator, facts).ok());

    facts.rereview_decided = true;
    ExpectError(Check(S::kClosed, A::kRequestRereview, Role::kCoordinator, facts),
                WorkflowErrorKind::kWrongState, "workflow.wrong_state");
}

TEST(WorkflowTest, NothingMovesAfterTermination) {
    for (A action : AllActions()) {
        if (action == A::kRecordSatisfaction) continue;
        Role role = action == A::kExtend ? Role::kLeader : ActorFor(action);
        for (S final_status : {S::kTerminated, S::kNotAccepted, S::kForwarded, S::kLitigation}) {
            ExpectError(Check(final_status, action, role, PermissiveFacts()),
                        WorkflowErrorKind::kWrongState, "workflow.wrong_state");
        }
    }
}

TEST(WorkflowTest, SuperviseIsASectionEventWithContent) {
    TransitionFacts facts = PermissiveFacts();
    auto result = Check(S::kAssigned, A::kSupervise, Role::kCoordinator, facts);
    ASSERT_TRUE(result.ok());
    EXPECT_EQ(result.next, S::kAssigned);

    ExpectError(Check(S::kAssigned, A::kSupervise, Role::kLeader, facts),
                WorkflowErrorKind::kForbiddenRole, "workflow.forbidden_role");
    ExpectError(Check(S::kAssigned, A::kSupervise, Role::kBureau, facts),
                WorkflowErrorKind::kForbiddenRole, "workflow.forbidden_role");

    facts.payload.content.clear();
    ExpectError(Check(S::kAssigned, A::kSupervise, Role::kCoordinator, facts),
                WorkflowErrorKind::kInvalid, "validation.required", "content");
}

TEST(WorkflowTest, AssigneeAnswersAnOpenSupervisionNotice) {
    TransitionFacts facts = PermissiveFacts();
    auto result = Check(S::kAssigned, A::kAnswerSupervision, Role::kBureau, facts);
    ASSERT_TRUE(result.ok());
    EXPECT_EQ(result.next, S::kAssigned);

    facts.open_supervision = false;
    ExpectError(Check(S::kAssigned, A::kAnswerSupervision, Role::kBureau, facts),
                WorkflowErrorKind::kWrongState, "workflow.no_open_supervision");

    facts = PermissiveFacts();
    facts.actor_unit_is_assignee = false;
    ExpectError(Check(S::kAssigned, A::kAnswerSupervision, Role::kBureau, facts),
                WorkflowErrorKind::kForbiddenRole, "workflow.not_assignee");
}

TEST(WorkflowTest, TheSectionCannotAnswerItsOwnSupervisionNotice) {
    ExpectError(Check(S::kAssigned, A::kAnswerSupervision, Role::kCoordinator, PermissiveFacts()),
                WorkflowErrorKind::kForbiddenRole, "workflow.forbidden_role");
}

TEST(WorkflowTest, ASupervisionDeadlineCannotPrecedeTheNotice) {
    TransitionFacts facts = PermissiveFacts();
    facts.payload.deadline = D("2023-10-01");

    ExpectError(Check(S::kAssigned, A::kSupervise, Role::kCoordinator, facts),
                WorkflowErrorKind::kInvalid, "workflow.deadline_before_step", "deadline");
}

TEST(WorkflowTest, StepTimeDefaultsToNow) {
    TransitionFacts facts = PermissiveFacts();

    auto result = Check(S::kRegistered, A::kAccept, Role::kCoordinator, facts);

    ASSERT_TRUE(result.ok());
    EXPECT_EQ(result.at, facts.now);
}

TEST(WorkflowTest, StepTimeMayNotLieInTheFuture) {
    TransitionFacts facts = PermissiveFacts();
    facts.at = facts.now + 4 * 60;
    EXPECT_TRUE(Check(S::kRegistered, A::kAccept, Role::kCoordinator, facts).ok())
        << "a few minutes of clock skew are tolerated";

    facts.at = facts.now + 6 * 60;
    ExpectError(Check(S::kRegistered, A::kAccept, Role::kCoordinator, facts),
                WorkflowErrorKind::kInvalid, "workflow.at_in_future", "at");

    facts.at = facts.now + 86400;
    ExpectError(Check(S::kRegistered, A::kAccept, Role::kCoordinator, facts),
                WorkflowErrorKind::kInvalid, "workflow.at_in_future", "at");
}

TEST(WorkflowTest, StepTimeMayNotPrecedeThePreviousStep) {
    TransitionFacts facts = PermissiveFacts();
    facts.at = facts.previous_step_at;
    EXPECT_TRUE(Check(S::kRegistered, A::kAccept, Role::kCoordinator, facts).ok());

    facts.at = facts.previous_step_at - 1;
    auto result = Check(S::kRegistered, A::kAccept, Role::kCoordinator, facts);
    ExpectError(result, WorkflowErrorKind::kInvalid, "workflow.at_before_previous", "at");
    EXPECT_THAT(result.error->message, HasSubstr("2023-10-09T10:00:00+08:00"));
}

TEST(WorkflowTest, BackdatedStepIsRecordedWithItsTime) {
    TransitionFacts facts = PermissiveFacts();
    facts.at = T("2023-10-09T15:00:00+08:00");

    auto result = Check(S::kRegistered, A::kAccept, Role::kCoordinator, facts);

    ASSERT_TRUE(result.ok());
    EXPECT_EQ(result.at, T("2023-10-09T15:00:00+08:00"));
}

TEST(WorkflowTest, ErrorKindsMapToHttpStatuses) {
    EXPECT_EQ(HttpStatus(WorkflowErrorKind::kForbiddenRole), 403);
    EXPECT_EQ(HttpStatus(WorkflowErrorKind::kWrongState), 409);
    EXPECT_EQ(HttpStatus(WorkflowErrorKind::kInvalid), 400);
}

TEST(AvailableActionsTest, CoordinatorOnARegisteredPetition) {
    EXPECT_THAT(AvailableActions(S::kRegistered, Role::kCoordinator, PermissiveFacts()),
                ElementsAre(A::kAccept, A::kDecline, A::kForward, A::kMarkLitigation));
}

TEST(AvailableActionsTest, BureauOnlyOnItsOwnAssignment) {
    TransitionFacts facts = PermissiveFacts();
    facts.open_supervision = false;
    EXPECT_THAT(AvailableActions(S::kAssigned, Role::kBureau, facts), ElementsAre(A::kReport));

    facts.open_supervision = true;
    EXPECT_THAT(AvailableActions(S::kAssigned, Role::kBureau, facts),
                ElementsAre(A::kReport, A::kAnswerSupervision));

    facts.actor_unit_is_assignee = false;
    EXPECT_TRUE(AvailableActions(S::kAssigned, Role::kBureau, facts).empty());
}

TEST(AvailableActionsTest, LeaderSeesTheExtensionUntilGranted) {
    TransitionFacts facts = PermissiveFacts();
    EXPECT_THAT(AvailableActions(S::kAssigned, Role::kLeader, facts), ElementsAre(A::kExtend));

    facts.extension_granted = true;
    EXPECT_TRUE(AvailableActions(S::kAssigned, Role::kLeader, facts).empty());
}

TEST(AvailableActionsTest, ReviewRequestOnlyWhileTheWindowIsOpen) {
    TransitionFacts facts = PermissiveFacts();
    EXPECT_THAT(
        AvailableActions(S::kReplied, Role::kCoordinator, facts),
        ElementsAre(A::kRecordSatisfaction, A::kClose, A::kRequestReview, A::kMarkLitigation));

    facts.review_request_due = D("2023-10-01");
    EXPECT_THAT(AvailableActions(S::kReplied, Role::kCoordinator, facts),
                ElementsAre(A::kRecordSatisfaction, A::kClose, A::kMarkLitigation));
}

TEST(AvailableActionsTest, ViewerAndTownWithoutAssignmentGetNothing) {
    TransitionFacts facts = PermissiveFacts();
    for (S status : AllPetitionStatuses()) {
        EXPECT_TRUE(AvailableActions(status, Role::kViewer, facts).empty());
    }
    facts.actor_unit_is_assignee = false;
    EXPECT_TRUE(AvailableActions(S::kAssigned, Role::kTown, facts).empty());
}

TEST(ActionVocabularyTest, CodesRoundTrip) {
    std::vector<std::string> codes;
    for (A action : AllActions()) {
        codes.emplace_back(Code(action));
        EXPECT_EQ(ParseAction(Code(action)), action);
        EXPECT_FALSE(LabelZh(action).empty());
        EXPECT_FALSE(LabelEn(action).empty());
    }
    EXPECT_THAT(codes, ElementsAre("accept", "decline", "forward", "assign", "report", "reply",
                                   "record_satisfaction", "close", "request_review",
                                   "decide_review", "request_rereview", "decide_rereview",
                                   "mark_litigation", "extend", "supervise", "answer_supervision"));
    EXPECT_FALSE(ParseAction("approve"));

    auto vocabulary = ActionVocabulary();
    EXPECT_EQ(vocabulary.name, "workflow_actions");
    EXPECT_EQ(vocabulary.terms.size(), AllActions().size());
}

TEST(ActionVocabularyTest, EventsKeepTheStatus) {
    std::vector<A> events;
    for (A action : AllActions()) {
        if (IsEvent(action)) events.push_back(action);
    }
    EXPECT_THAT(events, ElementsAre(A::kRecordSatisfaction, A::kExtend, A::kSupervise,
                                    A::kAnswerSupervision));
}

}  // namespace
}  // namespace xinfang::core
