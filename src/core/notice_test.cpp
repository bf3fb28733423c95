#include "core/notice.h"

#include <gtest/gtest.h>

namespace xinfang::core {
namespace {

NoticeTemplate Acceptance() {
    NoticeTemplate t;
    t.kind = "acceptance";
    t.title = "信访事项受理告知书";
    t.number_prefix = "海环信受";
    t.addressee = "{{petitioner}}：";
    t.fields = "信访编号|{{code}}\n\n办结时限|{{due_date}}\n";
    t.body =
        "你于{{received_date}}反映的“{{summary}}”收悉。\n\n  特此告知。  "
        "\n\n{{forwarded_to_sentence}}";
    return t;
}

TEST(NoticeTest, FillsPlaceholdersFieldsAndParagraphs) {
    FilledNotice n = FillNotice(Acceptance(), {{"petitioner", "裴明"},
                                               {"code", "XF2023-0001"},
                                               {"received_date", "2023年2月14日"},
                                               {"summary", "金轮橡胶厂排放难闻气味"},
                                               {"number", "海环信受〔2023〕1号"},
                                               {"date", "2023年2月20日"},
                                               {"issuer", "南通市海门生态环境局"}});

    EXPECT_EQ(n.addressee, "裴明：");
    EXPECT_EQ(n.number, "海环信受〔2023〕1号");
    EXPECT_EQ(n.issuer, "南通市海门生态环境局");
    ASSERT_EQ(n.fields.size(), 2u);
    EXPECT_EQ(n.fields[0], (std::pair<std::string, std::string>{"信访编号", "XF2023-0001"}));
    EXPECT_EQ(n.fields[1].second, "　　　　");  // no value: blank for handwriting
    ASSERT_EQ(n.paragraphs.size(), 2u);         // the empty forwarding sentence is dropped
    EXPECT_EQ(n.paragraphs[0], "你于2023年2月14日反映的“金轮橡胶厂排放难闻气味”收悉。");
    EXPECT_EQ(n.paragraphs[1], "特此告知。");
}

TEST(NoticeTest, TemplateProblemsNameUnknownAndUnclosedPlaceholders) {
    NoticeTemplate t = Acceptance();
    EXPECT_TRUE(TemplateProblems(t).empty());

    t.body = "{{petitioner_phone}} and {{code";
    auto problems = TemplateProblems(t);

    ASSERT_EQ(problems.size(), 2u);
    EXPECT_EQ(problems[0], "未知的占位符 {{petitioner_phone}}");
    EXPECT_EQ(problems[1], "占位符缺少结尾的 }}");
}

TEST(NoticeTest, NumbersAndDatesFollowOfficialForms) {
    EXPECT_EQ(NoticeNumber("海环信交", 2023, 12), "海环信交〔2023〕12号");
    EXPECT_EQ(ChineseDate("2023-03-01"), "2023年3月1日");
    EXPECT_EQ(NoticeKinds().size(), 7u);
    EXPECT_TRUE(IsNoticeKind("review"));
    EXPECT_FALSE(IsNoticeKind("memo"));
}

}  // namespace
}  // namespace xinfang::core
