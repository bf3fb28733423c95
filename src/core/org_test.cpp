#include "core/org.h"

#include <gtest/gtest.h>

namespace xinfang::core {
namespace {

TEST(OrgTest, UnitKindCodesRoundTrip) {
    for (UnitKind kind : AllUnitKinds()) {
        EXPECT_EQ(ParseUnitKind(UnitKindCode(kind)), kind);
    }
    EXPECT_FALSE(ParseUnitKind("ministry").has_value());
}

TEST(OrgTest, BureauOfficersBelongToAnEnforcementBureau) {
    EXPECT_EQ(CheckRoleBinding(Role::kBureau, std::nullopt, false), BindingProblem::kUnitRequired);
    EXPECT_EQ(CheckRoleBinding(Role::kBureau, UnitKind::kTown, false),
              BindingProblem::kUnitWrongKind);
    EXPECT_EQ(CheckRoleBinding(Role::kBureau, UnitKind::kEnforcement, false),
              BindingProblem::kNone);
}

TEST(OrgTest, TownContactsBelongToATownGovernment) {
    EXPECT_EQ(CheckRoleBinding(Role::kTown, UnitKind::kEnforcement, false),
              BindingProblem::kUnitWrongKind);
    EXPECT_EQ(CheckRoleBinding(Role::kTown, UnitKind::kTown, false), BindingProblem::kNone);
}

TEST(OrgTest, LeaderAccountsNameTheirLeader) {
    EXPECT_EQ(CheckRoleBinding(Role::kLeader, std::nullopt, false),
              BindingProblem::kLeaderRequired);
    EXPECT_EQ(CheckRoleBinding(Role::kLeader, std::nullopt, true), BindingProblem::kNone);
    EXPECT_EQ(CheckRoleBinding(Role::kAdmin, std::nullopt, false), BindingProblem::kNone);
}

}  // namespace
}  // namespace xinfang::core
