#include "core/access.h"

#include <gtest/gtest.h>

#include <algorithm>

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

TEST(AccessTest, EachRoleIsToldTheCodesOfWhatItMayDo) {
    for (Role role : AllRoles()) {
        auto codes = PermissionCodesOf(role);
        for (auto permission : {Permission::kOrgRead, Permission::kUsersWrite,
                                Permission::kPetitionsAct, Permission::kReceptionRead}) {
            bool listed =
                std::find(codes.begin(), codes.end(), PermissionCode(permission)) != codes.end();
            EXPECT_EQ(listed, Allows(role, permission)) << RoleCode(role);
        }
    }
    EXPECT_EQ(PermissionCode(Permission::kPetitionersReveal), "petitioners.reveal");
}

}  // namespace
}  // namespace xinfang::core
