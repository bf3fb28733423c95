#include "reports/xlsx_writer.h"

#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace xinfang::reports {
namespace {

constexpr double kLineHeightPt = 15;

// Width of UTF-8 text in Excel's column units: a Chinese character counts two, ASCII one.
double DisplayWidth(const std::string& text) {
    double width = 0;
    for (unsigned char c : text) {
        if (c < 0x80) {
            width += 1;
        } else if ((c & 0xC0) != 0x80) {
            width += 2;  // the lead byte of a multi-byte character
        }
    }
    return width;
}

// Excel does not grow a row to fit wrapped text when the file says nothing, so the writer
// estimates the lines each cell needs from its width.
int LinesNeeded(const std::string& text, double column_units) {
    int lines = 0;
    std::size_t start = 0;
    while (true) {
        std::size_t end = text.find('\n', start);
        std::string part = text.substr(start, end == std::string::npos ? end : end - start);
        lines += std::max(1, static_cast<int>(std::ceil(DisplayWidth(part) / column_units)));
        if (end == std::string::npos) break;
        start = end + 1;
    }
    return lines;
}

void Check(lxw_error error, const char* what) {
    if (error != LXW_NO_ERROR) {
        throw std::runtime_error(std::string("xlsx: ") + what + ": " + lxw_strerror(error));
    }
}

// A temporary file that libxlsxwriter writes into; removed when this goes out of scope.
class TempFile {
public:
    TempFile() {
        const char* dir = std::getenv("TMPDIR");
        path_ = std::string(dir && *dir ? dir : "/tmp") + "/xinfang-xlsx-XXXXXX";
        int fd = mkstemp(path_.data());
        if (fd < 0) throw std::runtime_error("xlsx: cannot create a temporary file");
        close(fd);
    }
    ~TempFile() { std::remove(path_.c_str()); }
    const std::string& path() const { return path_; }

private:
    std::string path_;
};

struct Formats {
    lxw_format* label;
    lxw_format* title;
    lxw_format* header;
    lxw_format* body[3];  // by CellAlign
};

lxw_format* NewFormat(lxw_workbook* book, bool bold, double size, CellAlign align, bool border) {
    lxw_format* format = workbook_add_format(book);
    format_set_font_name(format, "宋体");
    format_set_font_size(format, size);
    if (bold) format_set_bold(format);
    format_set_align(format, align == CellAlign::kLeft    ? LXW_ALIGN_LEFT
                             : align == CellAlign::kRight ? LXW_ALIGN_RIGHT
                                                          : LXW_ALIGN_CENTER);
    format_set_align(format, LXW_ALIGN_VERTICAL_CENTER);
    format_set_text_wrap(format);
    if (border) format_set_border(format, LXW_BORDER_THIN);
    return format;
}

Formats MakeFormats(lxw_workbook* book) {
    Formats f{};
    f.label = NewFormat(book, false, 12, CellAlign::kLeft, false);
    f.title = NewFormat(book, true, 16, CellAlign::kCenter, false);
    f.header = NewFormat(book, true, 11, CellAlign::kCenter, true);
    f.body[static_cast<int>(CellAlign::kLeft)] = NewFormat(book, false, 11, CellAlign::kLeft, true);
    f.body[static_cast<int>(CellAlign::kCenter)] =
        NewFormat(book, false, 11, CellAlign::kCenter, true);
    f.body[static_cast<int>(CellAlign::kRight)] =
        NewFormat(book, false, 11, CellAlign::kRight, true);
    return f;
}

double ExcelWidth(double chinese_chars) { return chinese_chars * 2 + 1; }

void WriteSheet(lxw_workbook* book, const Formats& f, const XlsxSheet& spec) {
    lxw_worksheet* sheet = workbook_add_worksheet(book, spec.name.c_str());
    if (!sheet) throw std::invalid_argument("xlsx: bad or repeated sheet name");
    const Table& table = spec.table;
    const auto columns = static_cast<lxw_col_t>(table.column_widths.size());
    if (columns == 0) throw std::invalid_argument("xlsx: table without columns");

    worksheet_set_paper(sheet, 9);  // A4
    if (spec.orientation == PageOrientation::kLandscape) worksheet_set_landscape(sheet);
    worksheet_fit_to_pages(sheet, 1, 0);
    for (lxw_col_t c = 0; c < columns; ++c) {
        Check(worksheet_set_column(sheet, c, c, ExcelWidth(table.column_widths[c]), nullptr),
              "column");
    }

    lxw_row_t row = 0;
    if (!spec.label.empty()) {
        Check(worksheet_write_string(sheet, row++, 0, spec.label.c_str(), f.label), "label");
    }
    if (!spec.title.empty()) {
        Check(worksheet_set_row(sheet, row, 28, nullptr), "title row");
        if (columns > 1) {
            Check(
                worksheet_merge_range(sheet, row, 0, row, columns - 1, spec.title.c_str(), f.title),
                "title");
        } else {
            Check(worksheet_write_string(sheet, row, 0, spec.title.c_str(), f.title), "title");
        }
        ++row;
    }
    const lxw_row_t first = row;
    const std::size_t header_count = table.header_rows.size();
    if (header_count > 0) {
        Check(worksheet_repeat_rows(sheet, first, first + header_count - 1), "repeat rows");
    }

    // Row heights from the one-row cells; cells are written, spans merged.
    const std::size_t row_count = header_count + table.body_rows.size();
    std::vector<int> lines(row_count, 1);
    for (const PlacedCell& cell : PlaceCells(table)) {
        double units = 0;
        for (int k = 0; k < cell.col_span; ++k)
            units += ExcelWidth(table.column_widths[cell.col + k]);
        if (cell.row_span == 1) {
            lines[cell.row] = std::max(lines[cell.row], LinesNeeded(cell.cell->text, units));
        }
        bool header = cell.row < header_count;
        lxw_format* format = header ? f.header : f.body[static_cast<int>(cell.cell->align)];
        auto r = static_cast<lxw_row_t>(first + cell.row);
        auto c = static_cast<lxw_col_t>(cell.col);
        if (cell.row_span > 1 || cell.col_span > 1) {
            Check(worksheet_merge_range(sheet, r, c, r + cell.row_span - 1, c + cell.col_span - 1,
                                        cell.cell->text.c_str(), format),
                  "merge");
            if (cell.cell->number) {
                Check(worksheet_write_number(sheet, r, c, *cell.cell->number, format), "number");
            }
        } else if (cell.cell->number) {
            Check(worksheet_write_number(sheet, r, c, *cell.cell->number, format), "number");
        } else {
            Check(worksheet_write_string(sheet, r, c, cell.cell->text.c_str(), format), "cell");
        }
    }
    for (std::size_t r = 0; r < row_count; ++r) {
        if (lines[r] > 1) {
            Check(worksheet_set_row(sheet, static_cast<lxw_row_t>(first + r),
                                    lines[r] * kLineHeightPt, nullptr),
                  "row height");
        }
    }
}

}  // namespace

int FirstTableRow(const XlsxSheet& sheet) {
    return (sheet.label.empty() ? 0 : 1) + (sheet.title.empty() ? 0 : 1);
}

std::string WriteXlsx(const std::vector<XlsxSheet>& sheets) {
    TempFile file;
    lxw_workbook* book = workbook_new(file.path().c_str());
    if (!book) throw std::runtime_error("xlsx: cannot start a workbook");
    try {
        Formats formats = MakeFormats(book);
        for (const XlsxSheet& sheet : sheets) WriteSheet(book, formats, sheet);
    } catch (...) {
        workbook_close(book);
        throw;
    }
    Check(workbook_close(book), "close");

    std::ifstream in(file.path(), std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    if (!in) throw std::runtime_error("xlsx: cannot read the workbook back");
    return std::move(bytes).str();
}

}  // namespace xinfang::reports
