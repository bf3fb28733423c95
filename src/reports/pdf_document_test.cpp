#include "reports/pdf_document.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <memory>
#include <string>

namespace xinfang::reports {
namespace {

// The text poppler extracts from `pdf`: proof that the PDF holds real, selectable text.
std::string ExtractText(const std::string& pdf) {
    char path[] = "/tmp/xinfang-pdf-test-XXXXXX";
    int fd = mkstemp(path);
    EXPECT_GE(fd, 0);
    close(fd);
    std::ofstream(path, std::ios::binary) << pdf;
    std::string command = std::string("pdftotext -enc UTF-8 ") + path + " -";
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
    std::string text;
    char buffer[4096];
    std::size_t n;
    while ((n = fread(buffer, 1, sizeof buffer, pipe.get())) > 0) text.append(buffer, n);
    std::remove(path);
    return text;
}

// pdftotext drops the thin spaces around a page number: "— 3 —" comes out as "—3—".
bool HasPageNumber(std::string text, int page) {
    std::erase(text, ' ');
    return text.find("—" + std::to_string(page) + "—") != std::string::npos;
}

int Count(const std::string& haystack, const std::string& needle) {
    int count = 0;
    for (std::size_t at = haystack.find(needle); at != std::string::npos;
         at = haystack.find(needle, at + needle.size())) {
        ++count;
    }
    return count;
}

TEST(PdfDocumentTest, ParagraphsAreSelectableChineseText) {
    PdfDocument doc;
    doc.AddParagraph("南通市海门生态环境局", ParagraphStyle::Title());
    doc.AddHeading("一、工作目标");
    doc.AddParagraph("通过开展局长大接访、地区包案、带案下访活动，引导群众依法合理反映诉求。");

    std::string pdf = std::move(doc).Finish();

    ASSERT_EQ(pdf.rfind("%PDF-", 0), 0u);
    std::string text = ExtractText(pdf);
    EXPECT_NE(text.find("南通市海门生态环境局"), std::string::npos) << text;
    EXPECT_NE(text.find("一、工作目标"), std::string::npos);
    EXPECT_NE(text.find("带案下访活动"), std::string::npos);
    EXPECT_TRUE(HasPageNumber(text, 1));
}

TEST(PdfDocumentTest, LongTableRepeatsItsHeaderOnEveryPage) {
    Table table;
    table.column_widths = {3, 6, 20};
    table.header_rows = {
        {TableCell::Text("序号"), TableCell::Text("区镇"), TableCell::Text("问题点位")}};
    for (int i = 1; i <= 80; ++i) {
        TableRow row{TableCell::Number(i)};
        // Every four rows share one merged region cell, as Attachment 3 groups by region.
        if (i % 4 == 1) {
            TableCell region = TableCell::Text("海门街道");
            region.row_span = 4;
            row.push_back(region);
        }
        row.push_back(TableCell::Text("金轮橡胶厂排放难闻气味第" + std::to_string(i) + "项",
                                      CellAlign::kLeft));
        table.body_rows.push_back(row);
    }
    PdfDocument doc(PageOrientation::kLandscape);
    doc.AddParagraph("2023 年度海门区重点环境信访问题一览表", ParagraphStyle::Title());

    doc.AddTable(table);
    int pages = doc.pages();
    std::string text = ExtractText(std::move(doc).Finish());

    EXPECT_GT(pages, 1);
    EXPECT_EQ(Count(text, "问题点位"), pages);
    EXPECT_EQ(Count(text, "海门街道"), 20);  // each merged block stays on one page
    EXPECT_NE(text.find("第80项"), std::string::npos);
    EXPECT_TRUE(HasPageNumber(text, pages));
}

TEST(PdfDocumentTest, ABlockTallerThanAPageIsSplitAndKeepsItsLabel) {
    Table table;
    table.column_widths = {4, 20};
    table.header_rows = {{TableCell::Text("区镇"), TableCell::Text("事项")}};
    TableCell region = TableCell::Text("常乐镇");
    region.row_span = 60;
    table.body_rows.push_back({region, TableCell::Text("事项 1")});
    for (int i = 2; i <= 60; ++i)
        table.body_rows.push_back({TableCell::Text("事项 " + std::to_string(i))});
    PdfDocument doc(PageOrientation::kPortrait);

    doc.AddTable(table);
    int pages = doc.pages();
    std::string text = ExtractText(std::move(doc).Finish());

    EXPECT_GT(pages, 1);
    EXPECT_EQ(Count(text, "常乐镇"), pages);
    EXPECT_NE(text.find("事项 60"), std::string::npos);
}

TEST(PdfDocumentTest, MalformedSpansAreRejected) {
    Table table;
    table.column_widths = {1, 1};
    TableCell wide = TableCell::Text("x");
    wide.col_span = 3;
    table.body_rows = {{wide}};
    PdfDocument doc;

    EXPECT_THROW(doc.AddTable(table), std::invalid_argument);
}

TEST(PdfDocumentTest, TextIsNeverReadAsMarkup) {
    PdfDocument doc;
    doc.AddParagraph("<b>粗体</b> & 其他");

    std::string text = ExtractText(std::move(doc).Finish());

    EXPECT_NE(text.find("<b>粗体</b> & 其他"), std::string::npos) << text;
}

}  // namespace
}  // namespace xinfang::reports
