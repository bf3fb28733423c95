#include "core/notice.h"

#include <algorithm>

namespace xinfang::core {
namespace {

constexpr std::string_view kBlank = "　　　　";

const std::string* Find(const std::map<std::string, std::string>& values, const std::string& key) {
    auto it = values.find(key);
    return it == values.end() ? nullptr : &it->second;
}

bool KnownPlaceholder(const std::string& name) {
    for (const auto& [key, label] : NoticePlaceholders()) {
        if (key == name) return true;
    }
    return false;
}

// Calls `on_placeholder(name)` for each {{name}}, `on_text` for the text between; returns false
// when a "{{" has no closing "}}".
template <typename Text, typename Placeholder>
bool Scan(std::string_view text, Text on_text, Placeholder on_placeholder) {
    std::size_t at = 0;
    while (true) {
        std::size_t open = text.find("{{", at);
        if (open == std::string_view::npos) {
            on_text(text.substr(at));
            return true;
        }
        std::size_t close = text.find("}}", open + 2);
        if (close == std::string_view::npos) {
            on_text(text.substr(at));
            return false;
        }
        on_text(text.substr(at, open - at));
        on_placeholder(std::string(text.substr(open + 2, close - open - 2)));
        at = close + 2;
    }
}

std::string Fill(std::string_view text, const std::map<std::string, std::string>& values) {
    std::string out;
    Scan(
        text, [&](std::string_view part) { out += part; },
        [&](const std::string& name) {
            const std::string* value = Find(values, name);
            out += value && !value->empty() ? *value : std::string(kBlank);
        });
    return out;
}

std::string Trim(std::string text) {
    auto blank = [](char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; };
    while (!text.empty() && blank(text.back())) text.pop_back();
    std::size_t start = 0;
    while (start < text.size() && blank(text[start])) ++start;
    return text.substr(start);
}

std::vector<std::string> SplitParagraphs(const std::string& text) {
    std::vector<std::string> out;
    std::string current;
    std::size_t at = 0;
    while (at <= text.size()) {
        std::size_t end = text.find('\n', at);
        std::string line = Trim(text.substr(at, end == std::string::npos ? end : end - at));
        if (line.empty()) {
            if (!current.empty()) out.push_back(current);
            current.clear();
        } else {
            current += current.empty() ? line : "\n" + line;
        }
        if (end == std::string::npos) break;
        at = end + 1;
    }
    if (!current.empty()) out.push_back(current);
    return out;
}

}  // namespace

const std::vector<std::string>& NoticeKinds() {
    static const std::vector<std::string> kinds = {"acceptance",  "non_acceptance", "assignment",
                                                   "supervision", "extension",      "reply",
                                                   "review"};
    return kinds;
}

bool IsNoticeKind(std::string_view kind) {
    const auto& kinds = NoticeKinds();
    return std::find(kinds.begin(), kinds.end(), kind) != kinds.end();
}

const std::vector<std::pair<std::string, std::string>>& NoticePlaceholders() {
    static const std::vector<std::pair<std::string, std::string>> placeholders = {
        {"issuer", "发文机关（本局名称）"},
        {"number", "文号"},
        {"date", "成文日期"},
        {"code", "信访编号"},
        {"petitioner", "信访人姓名（集体访为代表人）"},
        {"received_date", "收到日期"},
        {"accepted_date", "受理日期"},
        {"region", "区镇"},
        {"location", "问题点位"},
        {"respondent", "被投诉单位"},
        {"summary", "反映问题"},
        {"demand", "诉求"},
        {"decline_reason", "不予受理理由"},
        {"forwarded_to_sentence", "转送说明（如“已转送某单位办理”）"},
        {"assigned_unit", "承办单位"},
        {"assigned_date", "交办日期"},
        {"requirements", "交办要求"},
        {"due_date", "办结时限"},
        {"leader", "包案领导"},
        {"findings", "调查核实情况"},
        {"reply", "答复或复查意见"},
        {"extension_days", "延长天数"},
        {"extension_reason", "延期理由"},
        {"supervision", "督办事项"},
        {"supervision_deadline", "督办反馈时限"},
        {"review_requested_date", "请求复查日期"},
    };
    return placeholders;
}

std::vector<std::string> TemplateProblems(const NoticeTemplate& t) {
    std::vector<std::string> problems;
    for (const std::string* text : {&t.title, &t.addressee, &t.fields, &t.body, &t.cc}) {
        bool closed = Scan(
            *text, [](std::string_view) {},
            [&](const std::string& name) {
                if (!KnownPlaceholder(name)) problems.push_back("未知的占位符 {{" + name + "}}");
            });
        if (!closed) problems.push_back("占位符缺少结尾的 }}");
    }
    return problems;
}

FilledNotice FillNotice(const NoticeTemplate& t, const std::map<std::string, std::string>& values) {
    FilledNotice out;
    const std::string* issuer = Find(values, "issuer");
    const std::string* number = Find(values, "number");
    const std::string* date = Find(values, "date");
    out.issuer = issuer ? *issuer : "";
    out.number = number ? *number : "";
    out.date = date ? *date : "";
    out.title = Trim(Fill(t.title, values));
    out.addressee = Trim(Fill(t.addressee, values));
    std::size_t at = 0;
    while (at < t.fields.size()) {
        std::size_t end = t.fields.find('\n', at);
        if (end == std::string::npos) end = t.fields.size();
        std::string line = Trim(t.fields.substr(at, end - at));
        at = end + 1;
        if (line.empty()) continue;
        std::size_t bar = line.find('|');
        std::string label = bar == std::string::npos ? line : line.substr(0, bar);
        std::string value = bar == std::string::npos ? "" : line.substr(bar + 1);
        out.fields.emplace_back(Trim(Fill(label, values)), Trim(Fill(value, values)));
    }
    for (const std::string& paragraph : SplitParagraphs(t.body)) {
        std::string filled = Trim(Fill(paragraph, values));
        if (!filled.empty() && filled != kBlank) out.paragraphs.push_back(filled);
    }
    out.cc = Trim(Fill(t.cc, values));
    return out;
}

std::string NoticeNumber(const std::string& prefix, int year, int sequence) {
    return prefix + "〔" + std::to_string(year) + "〕" + std::to_string(sequence) + "号";
}

std::string ChineseDate(const std::string& iso_date) {
    if (iso_date.size() != 10) return iso_date;
    return iso_date.substr(0, 4) + "年" + std::to_string(std::stoi(iso_date.substr(5, 2))) + "月" +
           std::to_string(std::stoi(iso_date.substr(8, 2))) + "日";
}

}  // namespace xinfang::core
