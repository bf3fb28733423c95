#pragma once

// A small builder for A4 PDF documents in Chinese: the seed's attachments, the printed notices
// and the statistics tables. Text is laid out by Pango and drawn by Cairo as real text in the
// Noto CJK fonts (fonts-noto-cjk), so it can be selected, searched and extracted (`pdftotext`).
//
// Blocks are appended top to bottom and flow onto new pages as needed; every page carries its
// number at the foot in the form of Chinese official documents ("— 3 —", GB/T 9704).
//
//     PdfDocument doc(PageOrientation::kLandscape);
//     doc.AddParagraph("2023 年局领导接访时间表", ParagraphStyle::Title());
//     doc.AddTable(table);  // see table.h
//     std::string pdf = std::move(doc).Finish();
//
// Not thread-safe; one document per thread. Fonts missing on the machine fall back to whatever
// fontconfig offers, which still yields selectable text.

#include <memory>
#include <string>
#include <string_view>

#include "reports/table.h"

namespace xinfang::reports {

enum class PageOrientation { kPortrait, kLandscape };

enum class FontFamily {
    kSerif,  // Noto Serif CJK SC: body text, the usual stand-in for 仿宋/宋体
    kSans,   // Noto Sans CJK SC: headings, the usual stand-in for 黑体
};

// Colour as 0xRRGGBB.
inline constexpr unsigned kBlack = 0x000000;
inline constexpr unsigned kOfficialRed = 0xE60012;  // the red of a 红头 document's masthead

struct ParagraphStyle {
    FontFamily family = FontFamily::kSerif;
    double size_pt = 12;
    bool bold = false;
    CellAlign align = CellAlign::kLeft;
    // Indent of the first line in character widths; Chinese body text uses 2.
    double first_line_indent_chars = 0;
    // Extra space below the paragraph, in millimetres.
    double space_after_mm = 2;
    double line_spacing = 1.3;
    // Letter spacing in points, used to spread short centred titles.
    double letter_spacing_pt = 0;
    unsigned color = kBlack;

    static ParagraphStyle Title();    // 18 pt bold serif, centred
    static ParagraphStyle Heading();  // 14 pt bold sans, left
    static ParagraphStyle Body();     // 14 pt serif, first line indented by two characters
};

class PdfDocument {
public:
    explicit PdfDocument(PageOrientation orientation = PageOrientation::kPortrait);
    ~PdfDocument();
    PdfDocument(const PdfDocument&) = delete;
    PdfDocument& operator=(const PdfDocument&) = delete;

    // Text may hold newlines (each starts a new line of the same paragraph). It is never read
    // as markup. A paragraph taller than the space left starts on a new page; one taller than
    // a page is split between lines.
    void AddParagraph(std::string_view text, const ParagraphStyle& style = ParagraphStyle::Body());
    void AddHeading(std::string_view text) { AddParagraph(text, ParagraphStyle::Heading()); }

    // A horizontal line across the text width, as under a masthead.
    void AddRule(unsigned color = kBlack, double width_pt = 1.0, double space_after_mm = 3);
    void AddSpace(double mm);
    void NewPage();

    // A table with borders across the text width. Header rows repeat at the top of each page
    // the table runs onto. Rows joined by a row span are kept on one page when they fit on
    // one; otherwise they are split and the spanning cell's text is printed in each part.
    // Throws std::invalid_argument on a malformed table (see PlaceCells).
    void AddTable(const Table& table, double font_size_pt = 10.5);

    // Ends the document and returns the PDF file's bytes. The builder cannot be used after.
    std::string Finish() &&;

    // Page count so far (the current page included).
    int pages() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace xinfang::reports
