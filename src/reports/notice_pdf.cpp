#include "reports/notice_pdf.h"

#include "reports/pdf_document.h"

namespace xinfang::reports {

std::string NoticePdf(const core::FilledNotice& notice) {
    PdfDocument doc(PageOrientation::kPortrait);

    ParagraphStyle masthead = ParagraphStyle::Title();
    masthead.size_pt = 26;
    masthead.color = kOfficialRed;
    masthead.letter_spacing_pt = 2;
    masthead.space_after_mm = 6;
    doc.AddParagraph(notice.issuer, masthead);
    ParagraphStyle centred;
    centred.size_pt = 14;
    centred.align = CellAlign::kCenter;
    centred.space_after_mm = 2;
    doc.AddParagraph(notice.number, centred);
    doc.AddRule(kOfficialRed, 1.5, 8);

    ParagraphStyle title = ParagraphStyle::Title();
    title.size_pt = 20;
    title.space_after_mm = 8;
    doc.AddParagraph(notice.title, title);
    ParagraphStyle addressee = ParagraphStyle::Body();
    addressee.first_line_indent_chars = 0;
    doc.AddParagraph(notice.addressee, addressee);

    if (!notice.fields.empty()) {
        Table table;
        table.column_widths = {6, 24};
        for (const auto& [label, value] : notice.fields) {
            table.body_rows.push_back(
                {TableCell::Text(label), TableCell::Text(value, CellAlign::kLeft)});
        }
        doc.AddTable(table, 12);
    }
    for (const std::string& paragraph : notice.paragraphs) doc.AddParagraph(paragraph);

    doc.AddSpace(10);
    ParagraphStyle signature = ParagraphStyle::Body();
    signature.first_line_indent_chars = 0;
    signature.align = CellAlign::kRight;
    signature.space_after_mm = 1;
    doc.AddParagraph(notice.issuer, signature);
    doc.AddParagraph(notice.date, signature);

    if (!notice.cc.empty()) {
        doc.AddSpace(12);
        doc.AddRule(kBlack, 0.8, 1);
        ParagraphStyle cc;
        cc.size_pt = 12;
        cc.space_after_mm = 1;
        doc.AddParagraph("抄送：" + notice.cc + "。", cc);
        doc.AddRule(kBlack, 0.8, 0);
    }
    return std::move(doc).Finish();
}

}  // namespace xinfang::reports
