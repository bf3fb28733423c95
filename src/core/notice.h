#pragma once

// The texts of a petition's printed notices (issue 6): 受理告知书, 不予受理告知书, 交办单, 督办单,
// 答复意见书, 延期告知书, 复查意见书. A template is data (the administrator edits it); filling it
// with a petition's values gives the letter as issued, which is stored and printed as it was.
//
// Template text holds placeholders `{{name}}` from NoticePlaceholders(). The body's paragraphs
// are separated by blank lines; `fields` holds lines "标签|值" printed as a form table before
// the body (交办单, 督办单). reports/notice_pdf.h prints a filled notice.

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace xinfang::core {

struct NoticeTemplate {
    std::string kind;           // acceptance, non_acceptance, assignment, ...
    std::string name;           // 受理告知书
    std::string title;          // 信访事项受理告知书
    std::string number_prefix;  // 海环信受 → 海环信受〔2023〕3号
    std::string addressee;      // 主送: "{{petitioner}}："
    std::string fields;
    std::string body;
    std::string cc;  // 抄送; empty for none
};

// The kinds, in the order of the workflow.
const std::vector<std::string>& NoticeKinds();
bool IsNoticeKind(std::string_view kind);

// Every placeholder a template may use, with its Chinese description.
const std::vector<std::pair<std::string, std::string>>& NoticePlaceholders();

// The placeholders used in the template's texts that NoticePlaceholders() does not know, and
// any "{{" without its closing "}}": what an administrator must fix before saving.
std::vector<std::string> TemplateProblems(const NoticeTemplate& notice_template);

// A notice as issued.
struct FilledNotice {
    std::string issuer;  // the bureau: masthead and signature
    std::string title;
    std::string number;  // 海环信受〔2023〕3号
    std::string addressee;
    std::vector<std::pair<std::string, std::string>> fields;
    std::vector<std::string> paragraphs;
    std::string date;  // 2023年3月1日
    std::string cc;
};

// Replaces each placeholder by its value; a known placeholder without a value prints as
// "　　" (blank for handwriting), as paper forms leave it. Paragraphs that end up empty are
// dropped.
FilledNotice FillNotice(const NoticeTemplate& notice_template,
                        const std::map<std::string, std::string>& values);

// 海环信受〔2023〕3号.
std::string NoticeNumber(const std::string& prefix, int year, int sequence);
// 2023年3月1日 for 2023-03-01.
std::string ChineseDate(const std::string& iso_date);

}  // namespace xinfang::core
