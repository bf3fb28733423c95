#include "reports/case_file.h"

#include <gtest/gtest.h>
#include <zip.h>

namespace xinfang::reports {
namespace {

CaseFileDocument Sample() {
    CaseFileDocument doc;
    doc.title = "一案一卷：金轮橡胶厂排放难闻气味";
    doc.summary = {{"区镇", "海门开发区"}, {"包案领导", "钱向东"}};
    doc.sections = {
        {"会议纪要",
         {"## 参会人员\n\n- 钱向东\n- 开发区\n\n| 事项 | 责任 |\n|---|---|\n| 监管 | 执法一局 |"}},
        {"结案报告", {}},
    };
    return doc;
}

TEST(CaseFile, PdfIsAPdf) {
    std::string pdf = CaseFilePdf(Sample());
    ASSERT_GT(pdf.size(), 1000u);
    EXPECT_EQ(pdf.substr(0, 5), "%PDF-");
}

TEST(CaseFile, MarkdownHoldsSummaryAndSections) {
    std::string md = CaseFileMarkdown(Sample());
    EXPECT_NE(md.find("# 一案一卷：金轮橡胶厂排放难闻气味"), std::string::npos);
    EXPECT_NE(md.find("| 包案领导 | 钱向东 |"), std::string::npos);
    EXPECT_NE(md.find("## 结案报告\n\n（无）"), std::string::npos);
}

TEST(CaseFile, ZipHoldsTheEntriesWithUtf8Names) {
    std::string zip =
        ZipArchive({{"案卷.md", "正文"}, {"附件/1-现场.png", std::string(3, '\x89')}});

    zip_error_t error;
    zip_source_t* source = zip_source_buffer_create(zip.data(), zip.size(), 0, &error);
    zip_t* archive = zip_open_from_source(source, ZIP_RDONLY, &error);
    ASSERT_NE(archive, nullptr);
    ASSERT_EQ(zip_get_num_entries(archive, 0), 2);
    EXPECT_STREQ(zip_get_name(archive, 0, 0), "案卷.md");
    zip_stat_t stat;
    ASSERT_EQ(zip_stat_index(archive, 1, 0, &stat), 0);
    EXPECT_STREQ(stat.name, "附件/1-现场.png");
    EXPECT_EQ(stat.size, 3u);
    zip_close(archive);
}

}  // namespace
}  // namespace xinfang::reports
