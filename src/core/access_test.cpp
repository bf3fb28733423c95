#include "core/access.h"

#include <gtest/gtest.h>

namespace xinfang::core {
namespace {

TEST(AccessTest, RoleCodesRoundTrip) {
    for (Role role : AllRoles()) {
        auto parsed = ParseRole(RoleCode(role));
        ASSERT_TRUE(parsed.has_value());
        EXPECT_EQ(*parsed, role);
    }
    EXPECT_FALSE(ParseRole("root").has_value());
    EXPECT_FALSE(ParseRole("").has_value());
}

TEST(AccessTest, OnlyAdminsWriteTheOrganisation) {
    for (Role role : AllRoles()) {
        EXPECT_TRUE(Allows(role, Permission::kOrgRead));
        EXPECT_EQ(Allows(role, Permission::kOrgWrite), role == Role::kAdmin);
        EXPECT_EQ(Allows(role, Permission::kUsersWrite), role == Role::kAdmin);
    }
}

TEST(AccessTest, AuditIsReadByAdminsAndAuditorsOnly) {
    EXPECT_TRUE(Allows(Role::kAdmin, Permission::kAuditRead));
    EXPECT_TRUE(Allows(Role::kViewer, Permission::kAuditRead));
    EXPECT_FALSE(Allows(Role::kCoordinator, Permission::kAuditRead));
    EXPECT_FALSE(Allows(Role::kTown, Permission::kAuditRead));
}

TEST(AccessTest, CoordinatorsReadButDoNotWriteUsers) {
    EXPECT_TRUE(Allows(Role::kCoordinator, Permission::kUsersRead));
    EXPECT_FALSE(Allows(Role::kCoordinator, Permission::kUsersWrite));
    EXPECT_FALSE(Allows(Role::kBureau, Permission::kUsersRead));
}

TEST(AccessTest, OnlyTheSectionAndLeadersSeeIdentities) {
    EXPECT_TRUE(Allows(Role::kCoordinator, Permission::kPetitionersReveal));
    EXPECT_TRUE(Allows(Role::kLeader, Permission::kPetitionersReveal));
    EXPECT_FALSE(Allows(Role::kBureau, Permission::kPetitionersReveal));
    EXPECT_FALSE(Allows(Role::kTown, Permission::kPetitionersReveal));
    EXPECT_FALSE(Allows(Role::kViewer, Permission::kPetitionersReveal));
}

TEST(AccessTest, OnlyTheSectionRegistersPetitions) {
    for (Role role : AllRoles()) {
        EXPECT_EQ(Allows(role, Permission::kPetitionsRegister),
                  role == Role::kAdmin || role == Role::kCoordinator);
    }
}

TEST(AccessTest, ReportsAreReadByTheSectionLeadersAndAuditorsAndTemplatesWrittenByAdmins) {
    for (Role role : AllRoles()) {
        bool reader = role == Role::kAdmin || role == Role::kCoordinator || role == Role::kLeader ||
                      role == Role::kViewer;
        EXPECT_EQ(Allows(role, Permission::kReportsRead), reader);
        EXPECT_EQ(Allows(role, Permission::kTemplatesWrite), role == Role::kAdmin);
        bool section = role == Role::kAdmin || role == Role::kCoordinator;
        EXPECT_EQ(Allows(role, Permission::kNoticesPrint), section);
        EXPECT_EQ(Allows(role, Permission::kLedgerImport), section);
    }
}

}  // namespace
}  // namespace xinfang::core

namespace xinfang::core {
namespace {

TEST(KeyCaseAccessTest, ALeaderEditsOnlyTheCasesItOwns) {
    Binding leader{Role::kLeader, 7, std::nullopt};
    EXPECT_TRUE(MayEditKeyCase(leader, 7));
    EXPECT_FALSE(MayEditKeyCase(leader, 8));
    EXPECT_TRUE(MayEditKeyCase({Role::kCoordinator, std::nullopt, std::nullopt}, 8));
    EXPECT_FALSE(MayEditKeyCase({Role::kBureau, std::nullopt, 3}, 8));
}

TEST(KeyCaseAccessTest, ABureauRecordsVisitsOfItsOwnGroupOnly) {
    Binding bureau{Role::kBureau, std::nullopt, 3};
    EXPECT_TRUE(MayRecordVisitOf(bureau, 3, 7));
    EXPECT_FALSE(MayRecordVisitOf(bureau, 4, 7));
    EXPECT_TRUE(MayRecordVisitOf({Role::kLeader, 7, std::nullopt}, 4, 7));
    EXPECT_FALSE(MayRecordVisitOf({Role::kTown, std::nullopt, 3}, 3, 7));
}

TEST(KeyCaseAccessTest, ReportsAndTasksBelongToTheirUnit) {
    EXPECT_TRUE(MayWriteMonthlyReport({Role::kBureau, std::nullopt, 3}, 3));
    EXPECT_FALSE(MayWriteMonthlyReport({Role::kBureau, std::nullopt, 3}, 4));
    EXPECT_TRUE(MayAnswerTask({Role::kTown, std::nullopt, 9}, 9));
    EXPECT_FALSE(MayAnswerTask({Role::kTown, std::nullopt, 9}, 10));
    EXPECT_FALSE(MayAnswerTask({Role::kViewer, std::nullopt, 9}, 9));
    EXPECT_FALSE(Allows(Role::kViewer, Permission::kMonthlyReportsWrite));
    EXPECT_FALSE(Allows(Role::kTown, Permission::kMonthlyReportsRead));
}

}  // namespace
}  // namespace xinfang::core
