#include "reports/ledger_reader.h"

#include <expat.h>
#include <iconv.h>
#include <zip.h>

#include <cerrno>
#include <cstring>
#include <deque>
#include <optional>

namespace xinfang::reports {
namespace {

constexpr std::size_t kChunk = 64 * 1024;

// Length of the well-formed UTF-8 prefix of `text`, or npos when a malformed sequence appears
// before the end; a sequence cut off by the end is not counted as malformed.
std::size_t ValidUtf8Prefix(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size()) {
        auto c = static_cast<unsigned char>(text[i]);
        std::size_t len = c < 0x80         ? 1
                          : (c >> 5) == 6  ? 2
                          : (c >> 4) == 14 ? 3
                          : (c >> 3) == 30 ? 4
                                           : 0;
        if (len == 0 || (len == 2 && c < 0xC2) || (len == 4 && c > 0xF4))
            return std::string_view::npos;
        if (i + len > text.size()) return i;
        for (std::size_t k = 1; k < len; ++k) {
            if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80)
                return std::string_view::npos;
        }
        i += len;
    }
    return i;
}

void TrimTrailingEmpty(std::vector<std::string>& cells) {
    while (!cells.empty() && cells.back().empty()) cells.pop_back();
}

// ---------------------------------------------------------------------------------------------
// CSV (RFC 4180: quoted fields with doubled quotes and line breaks, CRLF or LF).

class CsvReader : public LedgerReader {
public:
    CsvReader(std::istream& in, std::optional<TextEncoding> encoding) : in_(in) {
        ReadRaw();
        if (raw_.rfind("\xEF\xBB\xBF", 0) == 0) {
            raw_.erase(0, 3);
            encoding = TextEncoding::kUtf8;
        }
        if (raw_.rfind("\xFF\xFE", 0) == 0 || raw_.rfind("\xFE\xFF", 0) == 0) {
            throw LedgerError("文件是 UTF-16 编码，请另存为 UTF-8 或 GBK 编码的 CSV");
        }
        if (!encoding) {
            encoding = ValidUtf8Prefix(raw_) == std::string_view::npos ? TextEncoding::kGb18030
                                                                       : TextEncoding::kUtf8;
        }
        if (*encoding == TextEncoding::kGb18030) {
            iconv_ = iconv_open("UTF-8", "GB18030");
            if (iconv_ == reinterpret_cast<iconv_t>(-1))
                throw LedgerError("系统不支持 GBK 编码转换");
        }
        Decode();
    }
    ~CsvReader() override {
        if (iconv_ != reinterpret_cast<iconv_t>(-1)) iconv_close(iconv_);
    }

    bool Next(std::vector<std::string>& cells) override {
        cells.clear();
        std::string field;
        bool quoted = false, after_quote = false, any = false;
        std::size_t row_bytes = 0;
        while (true) {
            if (pos_ >= text_.size()) {
                if (!More()) break;
                continue;
            }
            char c = text_[pos_++];
            any = true;
            if (++row_bytes > kMaxRowBytes) {
                throw LedgerError("第" + std::to_string(row_number_ + 1) +
                                  "行超过 1 MiB，文件可能不是台账");
            }
            if (quoted) {
                if (c != '"') {
                    field += c;
                } else if (Peek() == '"') {
                    field += '"';
                    ++pos_;
                } else {
                    quoted = false;
                    after_quote = true;
                }
                continue;
            }
            if (c == '"' && field.empty() && !after_quote) {
                quoted = true;
            } else if (c == ',') {
                cells.push_back(std::move(field));
                field.clear();
                after_quote = false;
            } else if (c == '\n') {
                break;
            } else if (c == '\r') {
                if (Peek() == '\n') ++pos_;
                break;
            } else {
                field += c;
            }
        }
        if (!any) return false;
        if (quoted) throw LedgerError("第" + std::to_string(row_number_ + 1) + "行的引号没有闭合");
        cells.push_back(std::move(field));
        ++row_number_;
        TrimTrailingEmpty(cells);
        return true;
    }

    std::size_t row_number() const override { return row_number_; }

private:
    void ReadRaw() {
        char buffer[kChunk];
        in_.read(buffer, sizeof buffer);
        raw_.append(buffer, static_cast<std::size_t>(in_.gcount()));
        if (in_.gcount() < static_cast<std::streamsize>(sizeof buffer)) eof_ = true;
    }

    // Moves what can be decoded from raw_ to text_; an incomplete last character waits for
    // the next chunk.
    void Decode() {
        if (iconv_ == reinterpret_cast<iconv_t>(-1)) {
            std::size_t valid = ValidUtf8Prefix(raw_);
            std::size_t take = valid == std::string_view::npos || eof_ ? raw_.size() : valid;
            text_.append(raw_, 0, take);
            raw_.erase(0, take);
            return;
        }
        char* in = raw_.data();
        std::size_t in_left = raw_.size();
        while (in_left > 0) {
            char out[kChunk];
            char* out_ptr = out;
            std::size_t out_left = sizeof out;
            std::size_t rc = iconv(iconv_, &in, &in_left, &out_ptr, &out_left);
            text_.append(out, static_cast<std::size_t>(out_ptr - out));
            if (rc != static_cast<std::size_t>(-1)) continue;
            if (errno == E2BIG) continue;
            if (errno == EINVAL && !eof_) break;
            // A byte that is no GB18030 character: keep a replacement so the row shows up bad.
            text_ += "\xEF\xBF\xBD";
            ++in;
            --in_left;
        }
        raw_.erase(0, raw_.size() - in_left);
    }

    bool More() {
        if (eof_ && raw_.empty()) return false;
        text_.erase(0, pos_);
        pos_ = 0;
        if (!eof_) ReadRaw();
        Decode();
        if (eof_ && !raw_.empty()) {
            text_ += raw_;
            raw_.clear();
        }
        return pos_ < text_.size();
    }

    char Peek() {
        if (pos_ >= text_.size() && !More()) return '\0';
        return text_[pos_];
    }

    std::istream& in_;
    iconv_t iconv_ = reinterpret_cast<iconv_t>(-1);
    std::string raw_, text_;
    std::size_t pos_ = 0;
    bool eof_ = false;
    std::size_t row_number_ = 0;
};

// ---------------------------------------------------------------------------------------------
// XLSX: the first sheet's XML parsed by expat as it is inflated.

std::string_view LocalName(const XML_Char* name) {
    std::string_view n(name);
    std::size_t colon = n.rfind(':');
    return colon == std::string_view::npos ? n : n.substr(colon + 1);
}

const XML_Char* Attribute(const XML_Char** attrs, std::string_view wanted) {
    for (int i = 0; attrs[i]; i += 2) {
        if (LocalName(attrs[i]) == wanted) return attrs[i + 1];
    }
    return nullptr;
}

// Zero-based column of a cell reference like "AB12".
std::size_t ColumnOf(std::string_view ref) {
    std::size_t col = 0;
    for (char c : ref) {
        if (c < 'A' || c > 'Z') break;
        col = col * 26 + static_cast<std::size_t>(c - 'A' + 1);
    }
    return col == 0 ? 0 : col - 1;
}

class ZipMember {
public:
    ZipMember(zip_t* archive, const std::string& name)
        : file_(zip_fopen(archive, name.c_str(), 0)) {}
    ~ZipMember() {
        if (file_) zip_fclose(file_);
    }
    bool ok() const { return file_ != nullptr; }
    // Bytes read into `buffer`; 0 at the end; throws on a damaged archive.
    std::size_t Read(char* buffer, std::size_t size) {
        zip_int64_t n = zip_fread(file_, buffer, size);
        if (n < 0) throw LedgerError("XLSX 文件已损坏（无法解压）");
        return static_cast<std::size_t>(n);
    }

private:
    zip_file_t* file_;
};

// Streams one member through an expat parser whose handlers are `Handler`'s methods.
template <typename Handler>
class XmlStream {
public:
    XmlStream(zip_t* archive, const std::string& name, Handler& handler)
        : member_(archive, name), parser_(XML_ParserCreate(nullptr)) {
        if (!member_.ok()) throw LedgerError("XLSX 文件缺少 " + name);
        XML_SetUserData(parser_, &handler);
        XML_SetElementHandler(
            parser_,
            [](void* data, const XML_Char* el, const XML_Char** attrs) {
                static_cast<Handler*>(data)->Start(LocalName(el), attrs);
            },
            [](void* data, const XML_Char* el) {
                static_cast<Handler*>(data)->End(LocalName(el));
            });
        XML_SetCharacterDataHandler(parser_, [](void* data, const XML_Char* s, int len) {
            static_cast<Handler*>(data)->Text(std::string_view(s, static_cast<std::size_t>(len)));
        });
    }
    ~XmlStream() { XML_ParserFree(parser_); }

    // Feeds one chunk; false once the member is fully parsed.
    bool Step() {
        if (done_) return false;
        char buffer[kChunk];
        std::size_t n = member_.Read(buffer, sizeof buffer);
        done_ = n == 0;
        if (XML_Parse(parser_, buffer, static_cast<int>(n), done_) == XML_STATUS_ERROR) {
            throw LedgerError("XLSX 文件内容无法解析：" +
                              std::string(XML_ErrorString(XML_GetErrorCode(parser_))));
        }
        return !done_;
    }
    void RunToEnd() {
        while (Step()) {
        }
    }

private:
    ZipMember member_;
    XML_Parser parser_;
    bool done_ = false;
};

// xl/workbook.xml and its relationships: where the first sheet is.
struct FirstSheetFinder {
    std::string sheet_rel_id;
    void Start(std::string_view el, const XML_Char** attrs) {
        if (el == "sheet" && sheet_rel_id.empty()) {
            if (const char* id = Attribute(attrs, "id")) sheet_rel_id = id;
        }
    }
    void End(std::string_view) {}
    void Text(std::string_view) {}
};

struct RelationFinder {
    std::string wanted, target;
    void Start(std::string_view el, const XML_Char** attrs) {
        const char* id = Attribute(attrs, "Id");
        const char* to = Attribute(attrs, "Target");
        if (el == "Relationship" && id && to && wanted == id) target = to;
    }
    void End(std::string_view) {}
    void Text(std::string_view) {}
};

// Shared strings, without phonetic runs (<rPh>), which are pronunciation hints.
struct SharedStrings {
    std::vector<std::string> items;
    std::string current;
    bool in_t = false, in_phonetic = false;
    std::size_t bytes = 0;
    void Start(std::string_view el, const XML_Char**) {
        if (el == "si") current.clear();
        if (el == "rPh") in_phonetic = true;
        if (el == "t" && !in_phonetic) in_t = true;
    }
    void End(std::string_view el) {
        if (el == "t") in_t = false;
        if (el == "rPh") in_phonetic = false;
        if (el == "si") {
            bytes += current.size();
            if (bytes > kMaxSharedStringBytes)
                throw LedgerError("XLSX 文件的文本过多（超过 64 MiB）");
            items.push_back(std::move(current));
            current.clear();
        }
    }
    void Text(std::string_view s) {
        if (in_t) current += s;
    }
};

struct SheetRows {
    const std::vector<std::string>* shared = nullptr;
    std::deque<std::pair<std::size_t, std::vector<std::string>>> ready;
    std::vector<std::string> row;
    std::size_t row_number = 0;
    std::size_t col = 0;
    std::string type, value;
    bool in_value = false, in_row = false;
    std::size_t row_bytes = 0;

    void Start(std::string_view el, const XML_Char** attrs) {
        if (el == "row") {
            in_row = true;
            row.clear();
            row_bytes = 0;
            const char* r = Attribute(attrs, "r");
            row_number = r ? std::strtoul(r, nullptr, 10) : row_number + 1;
        } else if (el == "c") {
            const char* ref = Attribute(attrs, "r");
            col = ref ? ColumnOf(ref) : row.size();
            const char* t = Attribute(attrs, "t");
            type = t ? t : "n";
            value.clear();
        } else if (el == "v" || el == "t") {
            in_value = true;
        }
    }
    void End(std::string_view el) {
        if (el == "v" || el == "t") {
            in_value = false;
        } else if (el == "c") {
            if (row.size() <= col) row.resize(col + 1);
            row[col] = CellText();
        } else if (el == "row") {
            in_row = false;
            TrimTrailingEmpty(row);
            ready.emplace_back(row_number, std::move(row));
            row.clear();
        }
    }
    void Text(std::string_view s) {
        if (!in_value) return;
        row_bytes += s.size();
        if (row_bytes > kMaxRowBytes) {
            throw LedgerError("第" + std::to_string(row_number) + "行超过 1 MiB，文件可能不是台账");
        }
        value += s;
    }
    std::string CellText() const {
        if (type == "s") {
            std::size_t index = std::strtoul(value.c_str(), nullptr, 10);
            if (index >= shared->size()) throw LedgerError("XLSX 文件引用了不存在的文本");
            return (*shared)[index];
        }
        if (type == "b") return value == "1" ? "TRUE" : "FALSE";
        return value;
    }
};

class XlsxReader : public LedgerReader {
public:
    explicit XlsxReader(zip_t* archive) : archive_(archive) {
        FirstSheetFinder workbook;
        XmlStream<FirstSheetFinder>(archive_, "xl/workbook.xml", workbook).RunToEnd();
        RelationFinder rels{workbook.sheet_rel_id, {}};
        XmlStream<RelationFinder>(archive_, "xl/_rels/workbook.xml.rels", rels).RunToEnd();
        if (rels.target.empty()) throw LedgerError("XLSX 文件中没有工作表");
        std::string sheet =
            rels.target.front() == '/' ? rels.target.substr(1) : "xl/" + rels.target;

        if (zip_name_locate(archive_, "xl/sharedStrings.xml", 0) >= 0) {
            XmlStream<SharedStrings>(archive_, "xl/sharedStrings.xml", strings_).RunToEnd();
        }
        rows_.shared = &strings_.items;
        sheet_ = std::make_unique<XmlStream<SheetRows>>(archive_, sheet, rows_);
    }
    ~XlsxReader() override {
        sheet_.reset();
        zip_discard(archive_);
    }

    bool Next(std::vector<std::string>& cells) override {
        while (rows_.ready.empty() && sheet_->Step()) {
        }
        if (rows_.ready.empty()) return false;
        row_number_ = rows_.ready.front().first;
        cells = std::move(rows_.ready.front().second);
        rows_.ready.pop_front();
        return true;
    }
    std::size_t row_number() const override { return row_number_; }

private:
    zip_t* archive_;
    SharedStrings strings_;
    SheetRows rows_;
    std::unique_ptr<XmlStream<SheetRows>> sheet_;
    std::size_t row_number_ = 0;
};

std::unique_ptr<LedgerReader> OpenArchive(zip_t* archive) {
    if (!archive) throw LedgerError("文件不是有效的 XLSX（无法作为压缩包打开）");
    try {
        return std::make_unique<XlsxReader>(archive);
    } catch (...) {
        zip_discard(archive);
        throw;
    }
}

}  // namespace

std::unique_ptr<LedgerReader> OpenCsv(std::istream& in) {
    return std::make_unique<CsvReader>(in, std::nullopt);
}

std::unique_ptr<LedgerReader> OpenCsv(std::istream& in, TextEncoding encoding) {
    return std::make_unique<CsvReader>(in, encoding);
}

std::unique_ptr<LedgerReader> OpenXlsx(std::string_view bytes) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    if (!source) throw LedgerError("文件不是有效的 XLSX");
    zip_t* archive = zip_open_from_source(source, ZIP_RDONLY, &error);
    if (!archive) zip_source_free(source);
    zip_error_fini(&error);
    return OpenArchive(archive);
}

std::unique_ptr<LedgerReader> OpenXlsxFile(const std::string& path) {
    int error = 0;
    return OpenArchive(zip_open(path.c_str(), ZIP_RDONLY, &error));
}

bool IsValidUtf8(std::string_view text) { return ValidUtf8Prefix(text) == text.size(); }

bool LooksLikeXlsx(std::string_view first_bytes) {
    return first_bytes.size() >= 4 && first_bytes.substr(0, 4) == std::string_view("PK\x03\x04", 4);
}

}  // namespace xinfang::reports
