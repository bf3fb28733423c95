#include "reports/attachments.h"

#include <gtest/gtest.h>

namespace xinfang::reports {
namespace {

std::vector<std::string> Texts(const TableRow& row) {
    std::vector<std::string> out;
    for (const auto& cell : row) out.push_back(cell.text);
    return out;
}

// The 2023 days and leaders of the seed's Attachment 1, in date order.
std::vector<ScheduleEntry> Seed2023() {
    return {{"2023-02-14", {"刘华军"}, ""}, {"2023-03-14", {"杨杰"}, ""},
            {"2023-04-18", {"许正娟"}, ""}, {"2023-05-16", {"施波"}, ""},
            {"2023-06-20", {"钱向东"}, ""}, {"2023-07-18", {"王向阳"}, ""},
            {"2023-08-15", {"龚雪松"}, ""}, {"2023-09-19", {"刘华军"}, ""},
            {"2023-10-17", {"杨杰"}, ""},   {"2023-11-14", {"许正娟"}, ""},
            {"2023-12-19", {"施波"}, ""}};
}

TEST(AttachmentsTest, Attachment1ReproducesTheSeedTable) {
    TitledTable table = Attachment1(2023, Seed2023());

    EXPECT_EQ(table.label, "附件 1");
    EXPECT_EQ(table.title, "2023 年局领导接访时间表");
    ASSERT_EQ(table.table.header_rows.size(), 1u);
    EXPECT_EQ(Texts(table.table.header_rows[0]),
              (std::vector<std::string>{"日期", "接访领导", "日期", "接访领导", "备注"}));
    const auto& rows = table.table.body_rows;
    ASSERT_EQ(rows.size(), 6u);
    EXPECT_EQ(Texts(rows[0]),
              (std::vector<std::string>{"2 月 14 日", "刘华军", "8 月 15 日", "龚雪松", ""}));
    EXPECT_EQ(Texts(rows[1]),
              (std::vector<std::string>{"3 月 14 日", "杨 杰", "9 月 19 日", "刘华军", ""}));
    EXPECT_EQ(Texts(rows[3]),
              (std::vector<std::string>{"5 月 16 日", "施 波", "11 月 14 日", "许正娟", ""}));
    EXPECT_EQ(Texts(rows[4]),
              (std::vector<std::string>{"6 月 20 日", "钱向东", "12 月 19 日", "施 波", ""}));
    EXPECT_EQ(Texts(rows[5]), (std::vector<std::string>{"7 月 18 日", "王向阳", "", "", ""}));
}

TEST(AttachmentsTest, NotesOfBothDaysOfALineGoToRemarks) {
    auto days = Seed2023();
    days[0].note = "原定 2 月 7 日，已调整";
    days[6].note = "另有约访";

    TitledTable table = Attachment1(2023, days);

    EXPECT_EQ(table.table.body_rows[0][4].text, "原定 2 月 7 日，已调整；另有约访");
}

TEST(AttachmentsTest, SeedFormatsOfDatesAndNames) {
    EXPECT_EQ(SeedDate("2023-12-05"), "12 月 5 日");
    EXPECT_EQ(SeedName("杨杰"), "杨 杰");
    EXPECT_EQ(SeedName("刘华军"), "刘华军");
    EXPECT_EQ(SeedName("Li"), "Li");
}

TEST(AttachmentsTest, BothFormatsAreProduced) {
    TitledTable table = Attachment1(2023, Seed2023());

    EXPECT_EQ(ToXlsx(table).rfind("PK", 0), 0u);
    EXPECT_EQ(ToPdf(table).rfind("%PDF-", 0), 0u);
}

TEST(AttachmentsTest, Attachment3GroupsConsecutiveCasesOfAnAreaAsTheSeedDoes) {
    std::vector<KeyCaseEntry> cases;
    const char* regions[] = {"海门开发区", "海门街道",     "海门开发区", "海门街道",
                             "海门街道",   "海门街道",     "海门街道",   "海门街道",
                             "临江新区",   "三厂工业园区", "三星镇",     "海门港新区",
                             "悦来镇",     "常乐镇",       "常乐镇",     "四甲镇"};
    for (int i = 0; i < 16; ++i) {
        cases.push_back({i + 1, regions[i], "市级", "点位", "情况", "建议", "钱向东"});
    }

    TitledTable table = Attachment3(2023, cases);

    EXPECT_EQ(table.title, "2023 年度海门区重点环境信访问题一览表");
    EXPECT_EQ(table.orientation, PageOrientation::kLandscape);
    EXPECT_EQ(Texts(table.table.header_rows[0]),
              (std::vector<std::string>{"序号", "区镇", "信访层级", "问题点位", "目前情况",
                                        "下一步工作建议", "备注"}));
    const auto& rows = table.table.body_rows;
    ASSERT_EQ(rows.size(), 16u);
    EXPECT_EQ(rows[0][1].text, "开发区 (海门街道)");
    EXPECT_EQ(rows[0][1].row_span, 8);
    EXPECT_EQ(rows[1].size(), 6u);  // the merged cell covers 区镇
    EXPECT_EQ(rows[8][1].text, "临江新区");
    EXPECT_EQ(rows[10][1].text, "三星");
    EXPECT_EQ(rows[13][1].text, "常乐");
    EXPECT_EQ(rows[13][1].row_span, 2);
    EXPECT_EQ(rows[15][1].text, "四甲");
    EXPECT_NO_THROW(PlaceCells(table.table));
}

TEST(AttachmentsTest, Attachment2HasTheSeedColumnsAndNamesTheMonth) {
    VisitEntry visit{{"三星镇"},
                     "龚雪松",
                     "执法二局",
                     {"优源纺织公司噪声问题"},
                     "2023-03-08 上午",
                     "织布机已搬至北侧车间",
                     {"封闭门窗（2023-03-31 前）"}};

    TitledTable table = Attachment2(2023, 3, "", {visit});

    EXPECT_EQ(table.title, "2023 年度 3 月份领导地区包案、带案下访化解表");
    EXPECT_EQ(Texts(table.table.header_rows[0]),
              (std::vector<std::string>{"序号", "区镇", "带案领导", "参与人员", "带案事项",
                                        "督查时间", "督查情况", "督查要求"}));
    EXPECT_EQ(Texts(table.table.body_rows[0]),
              (std::vector<std::string>{"1", "三星镇", "龚雪松", "执法二局", "优源纺织公司噪声问题",
                                        "2023-03-08 上午", "织布机已搬至北侧车间",
                                        "封闭门窗（2023-03-31 前）"}));
}

}  // namespace
}  // namespace xinfang::reports
