#include "text/bigram.h"

#include <algorithm>
#include <array>
#include <unordered_set>

namespace xinfang::text {
namespace {

enum class CharClass { kSeparator, kWord, kCjk };

// In indexed text a separator does not end a CJK run, so that a query typed without the
// punctuation still finds the pair around it. In a query, spaces and punctuation separate the
// user's keywords, and a pair spanning two keywords would find nothing.
enum class Separators { kJoinRuns, kEndRuns };

// Length of the well-formed UTF-8 sequence at the start of `text` (RFC 3629), or 0.
std::size_t SequenceLength(std::string_view text, char32_t* code_point) {
    auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    unsigned char lead = byte(0);
    if (lead < 0x80) {
        *code_point = lead;
        return 1;
    }

    std::size_t length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC2 ? 2 : 0;
    if (length == 0 || lead > 0xF4 || text.size() < length) return 0;
    char32_t value = lead & (0x7F >> length);
    for (std::size_t i = 1; i < length; ++i) {
        if ((byte(i) & 0xC0) != 0x80) return 0;
        value = (value << 6) | (byte(i) & 0x3F);
    }

    constexpr std::array<char32_t, 5> kMinimum = {0, 0, 0x80, 0x800, 0x10000};
    bool surrogate = value >= 0xD800 && value <= 0xDFFF;
    if (value < kMinimum[length] || value > 0x10FFFF || surrogate) return 0;
    *code_point = value;
    return length;
}

void AppendUtf8(char32_t cp, std::string* out) {
    if (cp < 0x80) {
        out->push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

// Full-width ASCII (U+FF01–U+FF5E) and the ideographic space are what a Chinese input method
// types in its full-width mode; they mean the same as their ASCII forms.
char32_t FoldWidthAndCase(char32_t cp) {
    if (cp >= 0xFF01 && cp <= 0xFF5E) cp -= 0xFEE0;
    if (cp == 0x3000) cp = U' ';
    if (cp >= U'A' && cp <= U'Z') cp += U'a' - U'A';
    return cp;
}

bool InRange(char32_t cp, char32_t first, char32_t last) { return cp >= first && cp <= last; }

bool IsCjk(char32_t cp) {
    return InRange(cp, 0x4E00, 0x9FFF) ||    // CJK Unified Ideographs
           InRange(cp, 0x3400, 0x4DBF) ||    // Extension A
           InRange(cp, 0x20000, 0x3134F) ||  // Extensions B–G
           InRange(cp, 0xF900, 0xFAFF) ||    // Compatibility Ideographs
           cp == 0x3007 ||                   // 〇, as in 二〇二三
           InRange(cp, 0x3040, 0x30FF) ||    // Hiragana, Katakana
           InRange(cp, 0xAC00, 0xD7AF);      // Hangul syllables
}

// Letters of the European scripts a name or an address may hold (é, ü, Greek, Cyrillic) belong
// to words like ASCII letters; the multiplication and division signs amid Latin-1 do not.
bool IsWordChar(char32_t cp) {
    if (InRange(cp, U'a', U'z') || InRange(cp, U'0', U'9')) return true;
    if (cp == 0xD7 || cp == 0xF7) return false;
    return InRange(cp, 0xC0, 0x24F) || InRange(cp, 0x370, 0x3FF) || InRange(cp, 0x400, 0x4FF);
}

CharClass Classify(char32_t cp) {
    if (IsCjk(cp)) return CharClass::kCjk;
    if (IsWordChar(cp)) return CharClass::kWord;
    return CharClass::kSeparator;
}

std::string Encode(std::u32string_view code_points) {
    std::string out;
    for (char32_t cp : code_points) AppendUtf8(cp, &out);
    return out;
}

class Tokenizer {
public:
    explicit Tokenizer(Separators separators) : separators_(separators) {}

    void Add(char32_t cp) {
        switch (Classify(cp)) {
            case CharClass::kCjk:
                EndWord();
                run_.push_back(cp);
                break;
            case CharClass::kWord:
                EndRun();
                word_.push_back(cp);
                break;
            case CharClass::kSeparator:
                EndWord();
                if (separators_ == Separators::kEndRuns) EndRun();
                break;
        }
    }

    std::vector<std::string> Finish() {
        EndWord();
        EndRun();
        return std::move(tokens_);
    }

private:
    void EndWord() {
        if (!word_.empty()) tokens_.push_back(Encode(word_));
        word_.clear();
    }

    void EndRun() {
        if (run_.size() == 1) tokens_.push_back(Encode(run_));
        for (std::size_t i = 0; i + 1 < run_.size(); ++i) {
            tokens_.push_back(Encode(std::u32string_view(run_).substr(i, 2)));
        }
        run_.clear();
    }

    Separators separators_;
    std::u32string word_;
    std::u32string run_;
    std::vector<std::string> tokens_;
};

std::vector<std::string> Tokenize(std::string_view text, Separators separators) {
    Tokenizer tokenizer(separators);
    for (char32_t cp : DecodeUtf8(text)) tokenizer.Add(FoldWidthAndCase(cp));
    return tokenizer.Finish();
}

std::string JoinDistinct(const std::vector<std::string>& tokens, std::size_t limit) {
    std::unordered_set<std::string_view> seen;
    std::string out;
    for (const std::string& token : tokens) {
        if (seen.size() == limit) break;
        if (!seen.insert(token).second) continue;
        if (!out.empty()) out += ' ';
        out += token;
    }
    return out;
}

}  // namespace

std::u32string DecodeUtf8(std::string_view text) {
    std::u32string out;
    while (!text.empty()) {
        char32_t cp = 0;
        std::size_t length = SequenceLength(text, &cp);
        if (length > 0) out.push_back(cp);
        text.remove_prefix(std::max<std::size_t>(length, 1));
    }
    return out;
}

std::string Normalize(std::string_view text) {
    std::string out;
    for (char32_t cp : DecodeUtf8(text)) {
        cp = FoldWidthAndCase(cp);
        if (Classify(cp) != CharClass::kSeparator) AppendUtf8(cp, &out);
    }
    return out;
}

std::vector<std::string> TokenList(std::string_view text) {
    return Tokenize(text, Separators::kJoinRuns);
}

std::vector<std::string> QueryTokenList(std::string_view query) {
    return Tokenize(query, Separators::kEndRuns);
}

std::string Tokens(std::string_view text) {
    return JoinDistinct(TokenList(text), std::string::npos);
}

std::string QueryTokens(std::string_view query) {
    return JoinDistinct(QueryTokenList(query), kMaxQueryTokens);
}

bool NeedsSubstringSearch(std::string_view query) {
    auto tokens = QueryTokenList(query);
    return std::any_of(tokens.begin(), tokens.end(), [](const std::string& token) {
        auto code_points = DecodeUtf8(token);
        return code_points.size() == 1 && IsCjk(code_points[0]);
    });
}

}  // namespace xinfang::text
