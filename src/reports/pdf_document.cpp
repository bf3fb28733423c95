#include "reports/pdf_document.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <stdexcept>
#include <vector>

namespace xinfang::reports {
namespace {

constexpr double kPointsPerMm = 72.0 / 25.4;
constexpr double kA4ShortPt = 210 * kPointsPerMm;
constexpr double kA4LongPt = 297 * kPointsPerMm;
constexpr double kCellPaddingPt = 3;
constexpr double kTableLinePt = 0.6;

double Mm(double mm) { return mm * kPointsPerMm; }

struct Margins {
    double top, bottom, left, right;
};

// Portrait pages follow the text area of GB/T 9704 (37 mm top, 28 mm left); landscape pages
// hold wide tables and keep narrower margins so the seed's columns fit.
Margins MarginsFor(PageOrientation orientation) {
    if (orientation == PageOrientation::kPortrait) return {Mm(30), Mm(28), Mm(28), Mm(26)};
    return {Mm(18), Mm(20), Mm(18), Mm(18)};
}

const char* FamilyName(FontFamily family) {
    return family == FontFamily::kSans ? "Noto Sans CJK SC" : "Noto Serif CJK SC";
}

PangoAlignment PangoAlign(CellAlign align) {
    switch (align) {
        case CellAlign::kCenter:
            return PANGO_ALIGN_CENTER;
        case CellAlign::kRight:
            return PANGO_ALIGN_RIGHT;
        case CellAlign::kLeft:
            break;
    }
    return PANGO_ALIGN_LEFT;
}

cairo_status_t AppendToString(void* closure, const unsigned char* data, unsigned int length) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

void SetColor(cairo_t* cr, unsigned rgb) {
    cairo_set_source_rgb(cr, ((rgb >> 16) & 0xFF) / 255.0, ((rgb >> 8) & 0xFF) / 255.0,
                         (rgb & 0xFF) / 255.0);
}

// Owns a PangoLayout.
struct LayoutPtr {
    PangoLayout* layout = nullptr;
    explicit LayoutPtr(PangoLayout* l) : layout(l) {}
    LayoutPtr(LayoutPtr&& other) noexcept : layout(other.layout) { other.layout = nullptr; }
    LayoutPtr& operator=(LayoutPtr&&) = delete;
    ~LayoutPtr() {
        if (layout) g_object_unref(layout);
    }
};

double LayoutHeight(PangoLayout* layout) {
    int width = 0, height = 0;
    pango_layout_get_size(layout, &width, &height);
    return static_cast<double>(height) / PANGO_SCALE;
}

}  // namespace

ParagraphStyle ParagraphStyle::Title() {
    ParagraphStyle style;
    style.size_pt = 18;
    style.bold = true;
    style.align = CellAlign::kCenter;
    style.space_after_mm = 5;
    return style;
}

ParagraphStyle ParagraphStyle::Heading() {
    ParagraphStyle style;
    style.family = FontFamily::kSans;
    style.size_pt = 14;
    style.bold = true;
    style.space_after_mm = 2;
    return style;
}

ParagraphStyle ParagraphStyle::Body() {
    ParagraphStyle style;
    style.size_pt = 14;
    style.first_line_indent_chars = 2;
    style.line_spacing = 1.5;
    return style;
}

struct PdfDocument::Impl {
    std::string bytes;
    cairo_surface_t* surface = nullptr;
    cairo_t* cr = nullptr;
    double page_width = 0, page_height = 0;
    Margins margins{};
    double y = 0;  // top of the free space on the current page
    int page = 1;
    bool finished = false;

    double text_width() const { return page_width - margins.left - margins.right; }
    double bottom() const { return page_height - margins.bottom; }
    bool at_page_top() const { return y <= margins.top + 0.01; }

    PangoLayout* NewLayout(std::string_view text, FontFamily family, double size_pt, bool bold,
                           double width, CellAlign align) const {
        PangoLayout* layout = pango_cairo_create_layout(cr);
        PangoFontDescription* font = pango_font_description_new();
        pango_font_description_set_family(font, FamilyName(family));
        pango_font_description_set_absolute_size(font, size_pt * PANGO_SCALE);
        pango_font_description_set_weight(font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
        pango_layout_set_font_description(layout, font);
        pango_font_description_free(font);
        pango_layout_set_width(layout, static_cast<int>(width * PANGO_SCALE));
        pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
        pango_layout_set_alignment(layout, PangoAlign(align));
        pango_layout_set_text(layout, text.data(), static_cast<int>(text.size()));
        return layout;
    }

    void DrawFooter() {
        std::string number = "— " + std::to_string(page) + " —";
        LayoutPtr footer(
            NewLayout(number, FontFamily::kSerif, 10.5, false, text_width(), CellAlign::kCenter));
        double foot_y = page_height - margins.bottom / 2 - LayoutHeight(footer.layout) / 2;
        SetColor(cr, kBlack);
        cairo_move_to(cr, margins.left, foot_y);
        pango_cairo_show_layout(cr, footer.layout);
    }

    void BreakPage() {
        DrawFooter();
        cairo_show_page(cr);
        ++page;
        y = margins.top;
    }

    void EnsureSpace(double height) {
        if (y + height > bottom() && !at_page_top()) BreakPage();
    }
};

PdfDocument::PdfDocument(PageOrientation orientation) : impl_(std::make_unique<Impl>()) {
    Impl& d = *impl_;
    bool portrait = orientation == PageOrientation::kPortrait;
    d.page_width = portrait ? kA4ShortPt : kA4LongPt;
    d.page_height = portrait ? kA4LongPt : kA4ShortPt;
    d.margins = MarginsFor(orientation);
    d.y = d.margins.top;
    d.surface =
        cairo_pdf_surface_create_for_stream(AppendToString, &d.bytes, d.page_width, d.page_height);
    d.cr = cairo_create(d.surface);
    if (cairo_status(d.cr) != CAIRO_STATUS_SUCCESS) {
        throw std::runtime_error("cannot create a PDF surface");
    }
}

PdfDocument::~PdfDocument() {
    if (impl_->cr) cairo_destroy(impl_->cr);
    if (impl_->surface) cairo_surface_destroy(impl_->surface);
}

int PdfDocument::pages() const { return impl_->page; }

void PdfDocument::AddParagraph(std::string_view text, const ParagraphStyle& style) {
    Impl& d = *impl_;
    LayoutPtr owned(
        d.NewLayout(text, style.family, style.size_pt, style.bold, d.text_width(), style.align));
    PangoLayout* layout = owned.layout;
    pango_layout_set_line_spacing(layout, static_cast<float>(style.line_spacing));
    pango_layout_set_indent(
        layout, static_cast<int>(style.first_line_indent_chars * style.size_pt * PANGO_SCALE));
    if (style.letter_spacing_pt > 0) {
        PangoAttrList* attrs = pango_attr_list_new();
        pango_attr_list_insert(attrs, pango_attr_letter_spacing_new(
                                          static_cast<int>(style.letter_spacing_pt * PANGO_SCALE)));
        pango_layout_set_attributes(layout, attrs);
        pango_attr_list_unref(attrs);
    }
    SetColor(d.cr, style.color);

    // Lines are drawn one by one so that a long paragraph continues on the next page.
    PangoLayoutIter* iter = pango_layout_get_iter(layout);
    double shift = 0;  // layout y that maps to the current page's `origin`
    double origin = d.y;
    double end = d.y;
    do {
        PangoRectangle logical;
        pango_layout_iter_get_line_extents(iter, nullptr, &logical);
        double top = static_cast<double>(logical.y) / PANGO_SCALE;
        double height = static_cast<double>(logical.height) / PANGO_SCALE;
        if (origin + (top - shift) + height > d.bottom() &&
            !(origin == d.margins.top && top == shift)) {
            d.BreakPage();
            SetColor(d.cr, style.color);
            origin = d.y;
            shift = top;
        }
        double baseline = static_cast<double>(pango_layout_iter_get_baseline(iter)) / PANGO_SCALE;
        cairo_move_to(d.cr, d.margins.left + static_cast<double>(logical.x) / PANGO_SCALE,
                      origin + baseline - shift);
        pango_cairo_show_layout_line(d.cr, pango_layout_iter_get_line_readonly(iter));
        end = origin + (top - shift) + height;
    } while (pango_layout_iter_next_line(iter));
    pango_layout_iter_free(iter);

    d.y = end + Mm(style.space_after_mm);
    SetColor(d.cr, kBlack);
}

void PdfDocument::AddRule(unsigned color, double width_pt, double space_after_mm) {
    Impl& d = *impl_;
    d.EnsureSpace(width_pt);
    SetColor(d.cr, color);
    cairo_set_line_width(d.cr, width_pt);
    cairo_move_to(d.cr, d.margins.left, d.y + width_pt / 2);
    cairo_line_to(d.cr, d.margins.left + d.text_width(), d.y + width_pt / 2);
    cairo_stroke(d.cr);
    SetColor(d.cr, kBlack);
    d.y += width_pt + Mm(space_after_mm);
}

void PdfDocument::AddSpace(double mm) {
    Impl& d = *impl_;
    d.y += Mm(mm);
    if (d.y > d.bottom()) d.BreakPage();
}

void PdfDocument::NewPage() {
    if (!impl_->at_page_top()) impl_->BreakPage();
}

namespace {

// The measured table: each placed cell's layout, each row's height, and for each row the cells
// that cover it, so that any range of rows can be drawn on its own.
struct MeasuredTable {
    std::vector<PlacedCell> cells;
    std::vector<LayoutPtr> layouts;
    std::vector<double> row_heights;
    std::vector<std::vector<std::size_t>> covering;  // row -> indices into `cells`
    std::vector<double> column_x;                    // left edge of each column, and the end
};

// Draws rows [first, last] of `m` with their top at `top`. A cell reaching outside the range is
// drawn as the part inside it, with its text centred in that part.
void DrawRows(cairo_t* cr, const MeasuredTable& m, std::size_t first, std::size_t last,
              double top) {
    std::vector<double> row_top(last - first + 2);
    row_top[0] = top;
    for (std::size_t r = first; r <= last; ++r) {
        row_top[r - first + 1] = row_top[r - first] + m.row_heights[r];
    }
    cairo_set_line_width(cr, kTableLinePt);
    for (std::size_t r = first; r <= last; ++r) {
        for (std::size_t index : m.covering[r]) {
            const PlacedCell& cell = m.cells[index];
            if (cell.row != r && r != first) continue;  // drawn with its first visible row
            std::size_t end_row = std::min(last, cell.row + cell.row_span - 1);
            double x0 = m.column_x[cell.col];
            double x1 = m.column_x[cell.col + cell.col_span];
            double y0 = row_top[r - first];
            double y1 = row_top[end_row - first + 1];
            SetColor(cr, kBlack);
            cairo_rectangle(cr, x0, y0, x1 - x0, y1 - y0);
            cairo_stroke(cr);

            PangoLayout* layout = m.layouts[index].layout;
            double text_height = LayoutHeight(layout);
            double text_top = y0 + std::max(kCellPaddingPt, (y1 - y0 - text_height) / 2);
            cairo_save(cr);
            cairo_rectangle(cr, x0, y0, x1 - x0, y1 - y0);
            cairo_clip(cr);
            cairo_move_to(cr, x0 + kCellPaddingPt, text_top);
            pango_cairo_show_layout(cr, layout);
            cairo_restore(cr);
        }
    }
}

double SumHeights(const MeasuredTable& m, std::size_t first, std::size_t last) {
    double sum = 0;
    for (std::size_t r = first; r <= last; ++r) sum += m.row_heights[r];
    return sum;
}

}  // namespace

void PdfDocument::AddTable(const Table& table, double font_size_pt) {
    Impl& d = *impl_;
    const std::size_t header_count = table.header_rows.size();
    const std::size_t row_count = header_count + table.body_rows.size();
    if (table.column_widths.empty() || row_count == 0) return;

    // Columns: the given widths scaled to the text width.
    MeasuredTable m;
    m.cells = PlaceCells(table);
    double total = 0;
    for (double w : table.column_widths) total += std::max(w, 0.1);
    m.column_x.push_back(d.margins.left);
    for (double w : table.column_widths) {
        m.column_x.push_back(m.column_x.back() + std::max(w, 0.1) / total * d.text_width());
    }

    // Rows: tall enough for every one-row cell; a spanning cell that needs more than its rows
    // give spreads the difference over them.
    double min_row = font_size_pt * 1.9;
    m.row_heights.assign(row_count, min_row);
    m.covering.assign(row_count, {});
    std::vector<double> needed(m.cells.size());
    for (std::size_t i = 0; i < m.cells.size(); ++i) {
        const PlacedCell& cell = m.cells[i];
        double width =
            m.column_x[cell.col + cell.col_span] - m.column_x[cell.col] - 2 * kCellPaddingPt;
        bool header = cell.row < header_count;
        m.layouts.emplace_back(
            d.NewLayout(cell.cell->text, header ? FontFamily::kSans : FontFamily::kSerif,
                        font_size_pt, header, std::max(width, 1.0), cell.cell->align));
        needed[i] = LayoutHeight(m.layouts.back().layout) + 2 * kCellPaddingPt;
        for (int k = 0; k < cell.row_span; ++k) m.covering[cell.row + k].push_back(i);
        if (cell.row_span == 1) {
            m.row_heights[cell.row] = std::max(m.row_heights[cell.row], needed[i]);
        }
    }
    for (std::size_t i = 0; i < m.cells.size(); ++i) {
        const PlacedCell& cell = m.cells[i];
        if (cell.row_span == 1) continue;
        std::size_t last = cell.row + cell.row_span - 1;
        double have = SumHeights(m, cell.row, last);
        if (have >= needed[i]) continue;
        double extra = (needed[i] - have) / cell.row_span;
        for (std::size_t r = cell.row; r <= last; ++r) m.row_heights[r] += extra;
    }

    // Pagination: body rows joined by spans form blocks that stay together when they fit on a
    // page under the header; a bigger block is split row by row. A block is never moved away
    // from a header with no body row under it yet, which would leave the header alone.
    double header_height = header_count ? SumHeights(m, 0, header_count - 1) : 0;
    bool body_on_page = false;
    auto draw_header = [&] {
        body_on_page = false;
        if (header_count == 0) return;
        DrawRows(d.cr, m, 0, header_count - 1, d.y);
        d.y += header_height;
    };
    d.EnsureSpace(header_height + (row_count > header_count ? m.row_heights[header_count] : 0));
    draw_header();

    std::size_t r = header_count;
    while (r < row_count) {
        std::size_t block_end = r;
        for (std::size_t k = r; k <= block_end; ++k) {
            for (std::size_t index : m.covering[k]) {
                const PlacedCell& cell = m.cells[index];
                block_end = std::max(block_end, cell.row + cell.row_span - 1);
            }
        }
        double block_height = SumHeights(m, r, block_end);
        double page_room = d.bottom() - d.margins.top - header_height;
        if (d.y + block_height > d.bottom() && block_height <= page_room && body_on_page) {
            d.BreakPage();
            draw_header();
        }
        if (d.y + block_height <= d.bottom()) {
            DrawRows(d.cr, m, r, block_end, d.y);
            d.y += block_height;
            body_on_page = true;
            r = block_end + 1;
            continue;
        }
        // Split: as many rows as fit on this page (at least one), then continue on the next.
        if (d.y + m.row_heights[r] > d.bottom() && d.y > d.margins.top + header_height + 0.01) {
            d.BreakPage();
            draw_header();
        }
        std::size_t last = r;
        double height = m.row_heights[r];
        while (last < block_end && d.y + height + m.row_heights[last + 1] <= d.bottom()) {
            ++last;
            height += m.row_heights[last];
        }
        DrawRows(d.cr, m, r, last, d.y);
        d.y += height;
        body_on_page = true;
        r = last + 1;
        if (r < row_count) {
            d.BreakPage();
            draw_header();
        }
    }
    d.y += Mm(3);
}

std::string PdfDocument::Finish() && {
    Impl& d = *impl_;
    if (d.finished) throw std::logic_error("PdfDocument::Finish called twice");
    d.finished = true;
    d.DrawFooter();
    cairo_show_page(d.cr);
    cairo_destroy(d.cr);
    d.cr = nullptr;
    cairo_surface_finish(d.surface);
    cairo_status_t status = cairo_surface_status(d.surface);
    cairo_surface_destroy(d.surface);
    d.surface = nullptr;
    if (status != CAIRO_STATUS_SUCCESS) throw std::runtime_error("cannot write the PDF");
    return std::move(d.bytes);
}

}  // namespace xinfang::reports
