#include "reports/attachments.h"

#include "reports/pdf_document.h"

namespace xinfang::reports {
namespace {

// Number of characters of valid UTF-8 text.
std::size_t CharCount(const std::string& text) {
    std::size_t count = 0;
    for (unsigned char c : text) count += (c & 0xC0) != 0x80 ? 1 : 0;
    return count;
}

std::string JoinNames(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& name : names) {
        if (!out.empty()) out += "、";
        out += SeedName(name);
    }
    return out;
}

}  // namespace

std::string ToXlsx(const TitledTable& table) { return WriteXlsx({table}); }

std::string ToPdf(const TitledTable& table) {
    PdfDocument doc(table.orientation);
    if (!table.label.empty()) {
        ParagraphStyle label;
        label.family = FontFamily::kSans;
        label.size_pt = 14;
        doc.AddParagraph(table.label, label);
    }
    if (!table.title.empty()) doc.AddParagraph(table.title, ParagraphStyle::Title());
    doc.AddTable(table.table);
    return std::move(doc).Finish();
}

std::string SeedDate(const std::string& iso_date) {
    if (iso_date.size() != 10) return iso_date;
    int month = std::stoi(iso_date.substr(5, 2));
    int day = std::stoi(iso_date.substr(8, 2));
    return std::to_string(month) + " 月 " + std::to_string(day) + " 日";
}

std::string SeedName(const std::string& name) {
    if (CharCount(name) != 2 || name.size() != 6) return name;  // two CJK characters
    return name.substr(0, 3) + " " + name.substr(3);
}

TitledTable Attachment1(int year, const std::vector<ScheduleEntry>& days) {
    TitledTable out;
    out.name = "附件1";
    out.label = "附件 1";
    out.title = std::to_string(year) + " 年局领导接访时间表";
    out.orientation = PageOrientation::kPortrait;
    Table& table = out.table;
    table.column_widths = {7, 7, 7, 7, 8};
    table.header_rows = {{TableCell::Text("日期"), TableCell::Text("接访领导"),
                          TableCell::Text("日期"), TableCell::Text("接访领导"),
                          TableCell::Text("备注")}};

    const std::size_t left = (days.size() + 1) / 2;
    for (std::size_t i = 0; i < left; ++i) {
        const ScheduleEntry& first = days[i];
        TableRow row{TableCell::Text(SeedDate(first.date)),
                     TableCell::Text(JoinNames(first.leaders))};
        std::string note = first.note;
        if (i + left < days.size()) {
            const ScheduleEntry& second = days[i + left];
            row.push_back(TableCell::Text(SeedDate(second.date)));
            row.push_back(TableCell::Text(JoinNames(second.leaders)));
            if (!second.note.empty()) note += (note.empty() ? "" : "；") + second.note;
        } else {
            row.push_back(TableCell::Text(""));
            row.push_back(TableCell::Text(""));
        }
        row.push_back(TableCell::Text(note, CellAlign::kLeft));
        table.body_rows.push_back(std::move(row));
    }
    return out;
}

TitledTable Attachment2(int year, int month, const std::string& group,
                        const std::vector<VisitEntry>& visits) {
    TitledTable out;
    out.name = "附件2";
    out.label = "附件 2";
    out.title = std::to_string(year) + " 年度 " + std::to_string(month) + " 月份" +
                (group.empty() ? "" : group) + "领导地区包案、带案下访化解表";
    out.orientation = PageOrientation::kLandscape;
    Table& table = out.table;
    table.column_widths = {3, 7, 5, 9, 14, 6, 16, 16};
    TableRow header;
    for (const char* title :
         {"序号", "区镇", "带案领导", "参与人员", "带案事项", "督查时间", "督查情况", "督查要求"}) {
        header.push_back(TableCell::Text(title));
    }
    table.header_rows = {header};
    auto join = [](const std::vector<std::string>& parts, const char* sep) {
        std::string text;
        for (const auto& part : parts) text += (text.empty() ? "" : sep) + part;
        return text;
    };
    int seq = 0;
    for (const VisitEntry& v : visits) {
        table.body_rows.push_back(
            {TableCell::Number(++seq), TableCell::Text(join(v.regions, "、")),
             TableCell::Text(SeedName(v.leader)), TableCell::Text(v.participants, CellAlign::kLeft),
             TableCell::Text(join(v.matters, "\n"), CellAlign::kLeft),
             TableCell::Text(v.inspection_time), TableCell::Text(v.findings, CellAlign::kLeft),
             TableCell::Text(join(v.requirements, "\n"), CellAlign::kLeft)});
    }
    return out;
}

std::string SeedAreaName(const std::string& region) {
    if (region == "海门开发区" || region == "海门街道") return "开发区 (海门街道)";
    const std::string town = "镇";
    if (region.size() > town.size() && region.ends_with(town) && CharCount(region) == 3) {
        return region.substr(0, region.size() - town.size());
    }
    return region;
}

TitledTable Attachment3(int year, const std::vector<KeyCaseEntry>& cases) {
    TitledTable out;
    out.name = "附件3";
    out.label = "附件 3";
    out.title = std::to_string(year) + " 年度海门区重点环境信访问题一览表";
    out.orientation = PageOrientation::kLandscape;
    Table& table = out.table;
    table.column_widths = {3, 6, 6, 14, 20, 18, 4};
    TableRow header;
    for (const char* title :
         {"序号", "区镇", "信访层级", "问题点位", "目前情况", "下一步工作建议", "备注"}) {
        header.push_back(TableCell::Text(title));
    }
    table.header_rows = {header};

    // Runs of consecutive cases in one area share the 区镇 cell.
    std::size_t i = 0;
    while (i < cases.size()) {
        std::string area = SeedAreaName(cases[i].region);
        std::size_t end = i + 1;
        while (end < cases.size() && SeedAreaName(cases[end].region) == area) ++end;
        for (std::size_t k = i; k < end; ++k) {
            const KeyCaseEntry& c = cases[k];
            TableRow row{TableCell::Number(c.seq)};
            if (k == i) {
                TableCell cell = TableCell::Text(area);
                cell.row_span = static_cast<int>(end - i);
                row.push_back(cell);
            }
            row.push_back(TableCell::Text(c.level));
            row.push_back(TableCell::Text(c.location, CellAlign::kLeft));
            row.push_back(TableCell::Text(c.situation, CellAlign::kLeft));
            row.push_back(TableCell::Text(c.recommendation, CellAlign::kLeft));
            row.push_back(TableCell::Text(c.leader));
            table.body_rows.push_back(std::move(row));
        }
        i = end;
    }
    return out;
}

}  // namespace xinfang::reports
