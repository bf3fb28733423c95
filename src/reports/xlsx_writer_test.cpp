#include "reports/xlsx_writer.h"

#include <gtest/gtest.h>
#include <zip.h>

#include <string>

namespace xinfang::reports {
namespace {

// One member of the XLSX (a zip) as text.
std::string Member(const std::string& xlsx, const char* name) {
    zip_error_t error;
    zip_source_t* source = zip_source_buffer_create(xlsx.data(), xlsx.size(), 0, &error);
    zip_t* archive = zip_open_from_source(source, ZIP_RDONLY, &error);
    if (!archive) return {};
    std::string out;
    if (zip_file_t* file = zip_fopen(archive, name, 0)) {
        char buffer[4096];
        zip_int64_t n;
        while ((n = zip_fread(file, buffer, sizeof buffer)) > 0) out.append(buffer, n);
        zip_fclose(file);
    }
    zip_close(archive);
    return out;
}

XlsxSheet Sample() {
    Table table;
    table.column_widths = {8, 6, 8, 6, 6};
    table.header_rows = {{TableCell::Text("日期"), TableCell::Text("接访领导"),
                          TableCell::Text("日期"), TableCell::Text("接访领导"),
                          TableCell::Text("备注")}};
    table.body_rows = {{TableCell::Text("2 月 14 日"), TableCell::Text("刘华军"),
                        TableCell::Text("8 月 15 日"), TableCell::Text("龚雪松"),
                        TableCell::Text("")}};
    TableCell merged = TableCell::Text("合计");
    merged.col_span = 4;
    table.body_rows.push_back({merged, TableCell::Number(11)});
    return {"附件1", "附件 1", "2023 年局领导接访时间表", table, PageOrientation::kPortrait};
}

TEST(XlsxWriterTest, WritesTitleHeadersCellsAndMerges) {
    std::string xlsx = WriteXlsx({Sample()});

    ASSERT_EQ(xlsx.rfind("PK", 0), 0u);
    std::string strings = Member(xlsx, "xl/sharedStrings.xml");
    std::string sheet = Member(xlsx, "xl/worksheets/sheet1.xml");
    EXPECT_NE(strings.find("2023 年局领导接访时间表"), std::string::npos);
    EXPECT_NE(strings.find("接访领导"), std::string::npos);
    EXPECT_NE(strings.find("刘华军"), std::string::npos);
    EXPECT_NE(sheet.find("<mergeCell ref=\"A2:E2\"/>"), std::string::npos) << sheet;
    EXPECT_NE(sheet.find("<mergeCell ref=\"A5:D5\"/>"), std::string::npos);
    std::size_t total = sheet.find("<c r=\"E5\"");
    ASSERT_NE(total, std::string::npos);
    EXPECT_EQ(sheet.find("<v>11</v>", total), sheet.find("</c>", total) - 9) << sheet;
    EXPECT_NE(Member(xlsx, "xl/workbook.xml").find("附件1"), std::string::npos);
    EXPECT_EQ(FirstTableRow(Sample()), 2);
}

TEST(XlsxWriterTest, LandscapeSheetsPrintOnA4Landscape) {
    XlsxSheet sheet = Sample();
    sheet.orientation = PageOrientation::kLandscape;

    std::string xml = Member(WriteXlsx({sheet}), "xl/worksheets/sheet1.xml");

    EXPECT_NE(xml.find("paperSize=\"9\""), std::string::npos);
    EXPECT_NE(xml.find("orientation=\"landscape\""), std::string::npos);
}

TEST(XlsxWriterTest, RepeatedSheetNamesAreRejected) {
    EXPECT_THROW(WriteXlsx({Sample(), Sample()}), std::invalid_argument);
}

}  // namespace
}  // namespace xinfang::reports
