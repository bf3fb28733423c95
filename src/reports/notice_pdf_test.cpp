#include "reports/notice_pdf.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <memory>

namespace xinfang::reports {
namespace {

std::string ExtractText(const std::string& pdf) {
    char path[] = "/tmp/xinfang-notice-test-XXXXXX";
    int fd = mkstemp(path);
    close(fd);
    std::ofstream(path, std::ios::binary) << pdf;
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(
        popen((std::string("pdftotext -enc UTF-8 ") + path + " -").c_str(), "r"), pclose);
    std::string text;
    char buffer[4096];
    std::size_t n;
    while ((n = fread(buffer, 1, sizeof buffer, pipe.get())) > 0) text.append(buffer, n);
    std::remove(path);
    return text;
}

TEST(NoticePdfTest, PrintsEveryPartOfTheLetterAsText) {
    core::FilledNotice notice;
    notice.issuer = "南通市海门生态环境局";
    notice.title = "信访事项交办单";
    notice.number = "海环信交〔2023〕3号";
    notice.addressee = "执法一局：";
    notice.fields = {{"信访编号", "XF2023-0001"}, {"交办要求", "现场核查异味来源"}};
    notice.paragraphs = {"现将上述信访事项交你单位办理。"};
    notice.date = "2023年3月1日";
    notice.cc = "局信访调处科";

    std::string text = ExtractText(NoticePdf(notice));

    for (const char* part :
         {"南通市海门生态环境局", "信访事项交办单", "海环信交〔2023〕3号", "执法一局：",
          "XF2023-0001", "现场核查异味来源", "现将上述信访事项交你单位办理。", "2023年3月1日",
          "抄送：局信访调处科。"}) {
        EXPECT_NE(text.find(part), std::string::npos) << part << "\n" << text;
    }
}

}  // namespace
}  // namespace xinfang::reports
