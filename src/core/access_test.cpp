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
