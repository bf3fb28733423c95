#pragma once

// A table as the bureau prints it, independent of the file format: the PDF builder
// (pdf_document.h) and the XLSX writer (xlsx_writer.h) both take this one description, so an
// attachment is built once and comes out the same in both formats.
//
// Rows list their cells left to right as in HTML: a cell with `row_span` > 1 covers the same
// columns in the rows below it, and those rows simply leave the covered positions out.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace xinfang::reports {

enum class CellAlign { kLeft, kCenter, kRight };

struct TableCell {
    std::string text;
    int col_span = 1;
    int row_span = 1;
    CellAlign align = CellAlign::kCenter;
    // Set for cells that are numbers: XLSX writes a number cell, PDF prints `text`.
    std::optional<double> number;

    static TableCell Text(std::string text, CellAlign align = CellAlign::kCenter) {
        TableCell cell;
        cell.text = std::move(text);
        cell.align = align;
        return cell;
    }
    static TableCell Number(double value);
};

using TableRow = std::vector<TableCell>;

struct Table {
    // Widths in character units of a Chinese character (XLSX column width is about twice this);
    // the PDF scales them to the page. Their count is the number of columns.
    std::vector<double> column_widths;
    // Printed in bold at the top and again at the top of every PDF page the table runs onto.
    std::vector<TableRow> header_rows;
    std::vector<TableRow> body_rows;
};

// A cell placed on the grid: row counts header rows first, then body rows.
struct PlacedCell {
    const TableCell* cell = nullptr;
    std::size_t row = 0;
    std::size_t col = 0;
    int row_span = 1;
    int col_span = 1;
};

// Places every cell of `table` on its grid. Throws std::invalid_argument when a row has more
// cells than columns, a span runs off the table, or spans overlap: these are programming
// errors of the caller that builds the table, not bad user input.
std::vector<PlacedCell> PlaceCells(const Table& table);

}  // namespace xinfang::reports
