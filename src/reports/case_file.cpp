#include "reports/case_file.h"

#include <zip.h>

#include <memory>
#include <stdexcept>
#include <string_view>

#include "reports/pdf_document.h"

namespace xinfang::reports {
namespace {

std::string_view Trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) {
        text.remove_suffix(1);
    }
    return text;
}

std::vector<std::string> Lines(std::string_view text) {
    std::vector<std::string> lines;
    std::size_t at = 0;
    while (at <= text.size()) {
        std::size_t end = text.find('\n', at);
        if (end == std::string_view::npos) end = text.size();
        lines.emplace_back(text.substr(at, end - at));
        at = end + 1;
    }
    return lines;
}

bool IsTableLine(std::string_view line) {
    line = Trim(line);
    return line.size() >= 2 && line.front() == '|';
}

std::vector<std::string> TableCells(std::string_view line) {
    line = Trim(line);
    line.remove_prefix(1);
    if (!line.empty() && line.back() == '|') line.remove_suffix(1);
    std::vector<std::string> cells;
    std::size_t at = 0;
    while (at <= line.size()) {
        std::size_t end = line.find('|', at);
        if (end == std::string_view::npos) end = line.size();
        cells.emplace_back(Trim(line.substr(at, end - at)));
        at = end + 1;
    }
    return cells;
}

bool IsSeparatorRow(const std::vector<std::string>& cells) {
    for (const auto& cell : cells) {
        if (cell.find_first_not_of("-: ") != std::string::npos || cell.empty()) return false;
    }
    return true;
}

// Strips the Markdown emphasis marks a reader would not want printed.
std::string Plain(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text.compare(i, 2, "**") == 0) {
            ++i;
            continue;
        }
        out.push_back(text[i]);
    }
    return out;
}

void AddTable(PdfDocument& pdf, const std::vector<std::vector<std::string>>& rows) {
    std::size_t columns = 0;
    for (const auto& row : rows) columns = std::max(columns, row.size());
    Table table;
    table.column_widths.assign(columns, 1.0);
    for (std::size_t r = 0; r < rows.size(); ++r) {
        TableRow row;
        for (std::size_t c = 0; c < columns; ++c) {
            std::string text = c < rows[r].size() ? Plain(rows[r][c]) : "";
            row.push_back(TableCell::Text(std::move(text), CellAlign::kLeft));
        }
        (r == 0 ? table.header_rows : table.body_rows).push_back(std::move(row));
    }
    pdf.AddTable(table);
}

// The Markdown the app accepts for minutes and reports: `#` headings, `-`/`*`/`1.` list items,
// pipe tables and paragraphs. Text is always given to Pango as text, never as markup.
void AddMarkdown(PdfDocument& pdf, std::string_view markdown) {
    std::vector<std::string> lines = Lines(markdown);
    std::string paragraph;
    auto flush = [&] {
        if (!paragraph.empty()) pdf.AddParagraph(Plain(paragraph));
        paragraph.clear();
    };
    for (std::size_t i = 0; i < lines.size(); ++i) {
        std::string_view line = Trim(lines[i]);
        if (line.empty()) {
            flush();
            continue;
        }
        if (IsTableLine(line)) {
            flush();
            std::vector<std::vector<std::string>> rows;
            for (; i < lines.size() && IsTableLine(lines[i]); ++i) {
                auto cells = TableCells(lines[i]);
                if (!IsSeparatorRow(cells)) rows.push_back(std::move(cells));
            }
            --i;
            if (!rows.empty()) AddTable(pdf, rows);
            continue;
        }
        if (line.front() == '#') {
            flush();
            std::size_t text = line.find_first_not_of('#');
            pdf.AddHeading(Plain(text == std::string_view::npos ? "" : Trim(line.substr(text))));
            continue;
        }
        if (line.starts_with("- ") || line.starts_with("* ")) {
            flush();
            ParagraphStyle item = ParagraphStyle::Body();
            item.first_line_indent_chars = 0;
            pdf.AddParagraph("• " + Plain(line.substr(2)), item);
            continue;
        }
        paragraph += (paragraph.empty() ? "" : "\n") + std::string(line);
    }
    flush();
}

}  // namespace

std::string CaseFilePdf(const CaseFileDocument& document) {
    PdfDocument pdf;
    pdf.AddParagraph(document.title, ParagraphStyle::Title());
    Table summary;
    summary.column_widths = {4, 12};
    for (const auto& [label, value] : document.summary) {
        summary.body_rows.push_back(
            {TableCell::Text(label), TableCell::Text(value, CellAlign::kLeft)});
    }
    if (!summary.body_rows.empty()) pdf.AddTable(summary);
    for (const auto& section : document.sections) {
        pdf.AddSpace(3);
        pdf.AddHeading(section.heading);
        if (section.paragraphs.empty()) pdf.AddParagraph("（无）");
        for (const auto& paragraph : section.paragraphs) AddMarkdown(pdf, paragraph);
    }
    return std::move(pdf).Finish();
}

std::string CaseFileMarkdown(const CaseFileDocument& document) {
    std::string md = "# " + document.title + "\n\n| 项目 | 内容 |\n|---|---|\n";
    for (const auto& [label, value] : document.summary) {
        std::string cell = value;
        for (char& c : cell) {
            if (c == '\n' || c == '|') c = ' ';
        }
        md += "| " + label + " | " + cell + " |\n";
    }
    for (const auto& section : document.sections) {
        md += "\n## " + section.heading + "\n\n";
        if (section.paragraphs.empty()) md += "（无）\n";
        for (const auto& paragraph : section.paragraphs) md += paragraph + "\n\n";
    }
    return md;
}

std::string ZipArchive(const std::vector<ZipEntry>& entries) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* target = zip_source_buffer_create(nullptr, 0, 0, &error);
    if (!target) throw std::runtime_error("zip: cannot create a buffer");
    // The source is kept after zip_close so that its bytes can be read back.
    zip_source_keep(target);
    zip_t* archive = zip_open_from_source(target, ZIP_TRUNCATE, &error);
    if (!archive) {
        zip_source_free(target);
        throw std::runtime_error("zip: cannot open the archive");
    }
    for (const auto& entry : entries) {
        zip_source_t* data = zip_source_buffer(archive, entry.bytes.data(), entry.bytes.size(), 0);
        if (!data || zip_file_add(archive, entry.name.c_str(), data, ZIP_FL_ENC_UTF_8) < 0) {
            if (data) zip_source_free(data);
            zip_discard(archive);
            zip_source_free(target);
            throw std::runtime_error("zip: cannot add an entry");
        }
    }
    // zip_close reads the entries' buffers, which `entries` still owns here.
    if (zip_close(archive) < 0) {
        zip_discard(archive);
        zip_source_free(target);
        throw std::runtime_error("zip: cannot write the archive");
    }

    std::string out;
    zip_stat_t stat;
    if (zip_source_stat(target, &stat) < 0 || zip_source_open(target) < 0) {
        zip_source_free(target);
        throw std::runtime_error("zip: cannot read the archive back");
    }
    out.resize(stat.size);
    zip_int64_t read = zip_source_read(target, out.data(), stat.size);
    zip_source_close(target);
    zip_source_free(target);
    if (read < 0 || static_cast<zip_uint64_t>(read) != stat.size) {
        throw std::runtime_error("zip: short read of the archive");
    }
    return out;
}

}  // namespace xinfang::reports
