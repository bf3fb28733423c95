#include "reports/csv.h"

namespace xinfang::reports {

std::string CsvField(const std::string& text) {
    std::string value = text;
    if (!value.empty() && std::string("=+-@").find(value.front()) != std::string::npos) {
        bool number =
            value.size() > 1 && value.find_first_not_of("0123456789.", 1) == std::string::npos;
        if (!number) value = "'" + value;
    }
    if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
    std::string out = "\"";
    for (char c : value) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

std::string CsvLine(const std::vector<std::string>& fields) {
    std::string line;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i) line += ',';
        line += CsvField(fields[i]);
    }
    return line + "\r\n";
}

std::string TableCsv(const Table& table) {
    std::size_t rows = table.header_rows.size() + table.body_rows.size();
    std::vector<std::vector<std::string>> grid(
        rows, std::vector<std::string>(table.column_widths.size()));
    for (const PlacedCell& cell : PlaceCells(table)) grid[cell.row][cell.col] = cell.cell->text;
    std::string out = "\xEF\xBB\xBF";
    for (const auto& row : grid) out += CsvLine(row);
    return out;
}

}  // namespace xinfang::reports
