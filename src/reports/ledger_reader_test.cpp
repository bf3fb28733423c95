#include "reports/ledger_reader.h"

#include <gtest/gtest.h>
#include <iconv.h>

#include <sstream>

#include "reports/xlsx_writer.h"

namespace xinfang::reports {
namespace {

using Rows = std::vector<std::vector<std::string>>;

Rows ReadAll(LedgerReader& reader) {
    Rows rows;
    std::vector<std::string> cells;
    while (reader.Next(cells)) rows.push_back(cells);
    return rows;
}

std::string ToGb18030(const std::string& utf8) {
    iconv_t cd = iconv_open("GB18030", "UTF-8");
    std::string in = utf8;
    std::string out(in.size() * 2 + 8, '\0');
    char* in_ptr = in.data();
    char* out_ptr = out.data();
    std::size_t in_left = in.size(), out_left = out.size();
    iconv(cd, &in_ptr, &in_left, &out_ptr, &out_left);
    iconv_close(cd);
    out.resize(out.size() - out_left);
    return out;
}

const char kLedger[] =
    "区镇,问题点位,诉求\r\n三星镇,\"优源纺织公司, 南侧车间\",\"夜间噪声\n影响休息\"\r\n"
    "常乐镇,\"新凤祥\"\"压铸\"\"\",,\r\n";

TEST(LedgerReaderTest, ReadsQuotedCsvFieldsWithCommasQuotesAndLineBreaks) {
    std::istringstream in(kLedger);

    auto reader = OpenCsv(in);
    Rows rows = ReadAll(*reader);

    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(rows[0], (std::vector<std::string>{"区镇", "问题点位", "诉求"}));
    EXPECT_EQ(rows[1][1], "优源纺织公司, 南侧车间");
    EXPECT_EQ(rows[1][2], "夜间噪声\n影响休息");
    EXPECT_EQ(rows[2], (std::vector<std::string>{"常乐镇", "新凤祥\"压铸\""}));
    EXPECT_EQ(reader->row_number(), 3u);
}

TEST(LedgerReaderTest, StripsAUtf8ByteOrderMark) {
    std::istringstream in(std::string("\xEF\xBB\xBF") + kLedger);

    Rows rows = ReadAll(*OpenCsv(in));

    EXPECT_EQ(rows[0][0], "区镇");
}

TEST(LedgerReaderTest, DecodesGbkWithoutBeingTold) {
    std::istringstream in(ToGb18030(kLedger));

    Rows rows = ReadAll(*OpenCsv(in));

    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(rows[0][0], "区镇");
    EXPECT_EQ(rows[1][2], "夜间噪声\n影响休息");
}

TEST(LedgerReaderTest, DecodesGbkAcrossChunkBoundaries) {
    std::string big = "区镇,诉求\n";
    for (int i = 0; i < 20000; ++i) big += "海门街道,异味难闻" + std::to_string(i) + "\n";
    std::istringstream in(ToGb18030(big));

    Rows rows = ReadAll(*OpenCsv(in));

    ASSERT_EQ(rows.size(), 20001u);
    EXPECT_EQ(rows[12345][1], "异味难闻12344");
    EXPECT_EQ(rows.back()[0], "海门街道");
}

TEST(LedgerReaderTest, RejectsUtf16AndUnclosedQuotes) {
    std::istringstream utf16(
        std::string("\xFF\xFE"
                    "a\0b\0",
                    6));
    std::istringstream unclosed("a,\"b\n");

    EXPECT_THROW(OpenCsv(utf16), LedgerError);
    auto reader = OpenCsv(unclosed);
    std::vector<std::string> cells;
    EXPECT_THROW(reader->Next(cells), LedgerError);
}

TEST(LedgerReaderTest, ReadsBackTheFirstSheetOfAnXlsx) {
    Table table;
    table.column_widths = {4, 8, 8};
    table.header_rows = {
        {TableCell::Text("序号"), TableCell::Text("区镇"), TableCell::Text("诉求")}};
    table.body_rows = {
        {TableCell::Number(1), TableCell::Text("悦来镇"), TableCell::Text("噪声扰民")},
        {TableCell::Number(2), TableCell::Text(""), TableCell::Text("异味")}};
    std::string xlsx = WriteXlsx({{"台账", "", "", table, PageOrientation::kPortrait}});

    auto reader = OpenXlsx(xlsx);
    Rows rows = ReadAll(*reader);

    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(rows[0], (std::vector<std::string>{"序号", "区镇", "诉求"}));
    EXPECT_EQ(rows[1], (std::vector<std::string>{"1", "悦来镇", "噪声扰民"}));
    EXPECT_EQ(rows[2], (std::vector<std::string>{"2", "", "异味"}));
    EXPECT_EQ(reader->row_number(), 3u);
    EXPECT_TRUE(LooksLikeXlsx(xlsx));
}

TEST(LedgerReaderTest, RejectsAFileThatIsNotAnXlsx) {
    EXPECT_THROW(OpenXlsx("PK\x03\x04 not really a zip"), LedgerError);
    EXPECT_FALSE(LooksLikeXlsx("区镇,诉求"));
}

}  // namespace
}  // namespace xinfang::reports
