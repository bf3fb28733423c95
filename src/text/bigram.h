#pragma once

// Chinese text search by character bigrams (DESIGN.md §4, issue 3). Neither SQLite's FTS5
// unicode61 tokenizer nor a plain PostgreSQL index splits Chinese into words, so every pair of
// adjacent Chinese characters becomes one token, both when a text is indexed and when a query is
// searched: 噪声 finds 噪声扰民, 金轮 finds 金轮橡胶厂. Runs of Latin letters and digits stay whole
// words. The same functions serve both engines, so they find the same petitions.

#include <string>
#include <string_view>
#include <vector>

namespace xinfang::text {

// The code points of a UTF-8 string. Bytes that are not part of a well-formed sequence (stray
// continuation bytes, overlong forms, surrogates, values above U+10FFFF, truncated sequences)
// are skipped one at a time, so any input decodes without failing.
std::u32string DecodeUtf8(std::string_view text);

// Full-width forms become their ASCII counterparts (ＡＢＣ１２３ → abc123, the ideographic space
// → a space), ASCII letters become lower case, and punctuation, symbols and whitespace are
// dropped: "金轮 橡胶厂，噪声！" → "金轮橡胶厂噪声". Always valid UTF-8.
std::string Normalize(std::string_view text);

// The tokens of `text` in order, repeats included. Chinese, Japanese and Korean characters form
// runs, each run giving its bigrams, or the character itself when the run is one character
// long; punctuation and spaces do not end a run, so "噪声，扰民" gives 噪声 声扰 扰民 just as
// "噪声扰民" does. Latin letters and digits form words, which punctuation, spaces and CJK
// characters end; a word also ends a CJK run. Every token is lower case and contains only
// letters, digits and CJK characters, so it is safe as an FTS5 bareword.
std::vector<std::string> TokenList(std::string_view text);

// The distinct tokens of `text`, first occurrence first, separated by single spaces: the value
// to index (an FTS5 column, or one PostgreSQL token row each). Empty when the text has none.
std::string Tokens(std::string_view text);

// The tokens of a user's query, in order, repeats included. Unlike TokenList, spaces and
// punctuation end a CJK run: they separate keywords, so "金轮 异味" gives 金轮 异味 and not the
// pair 轮异 spanning them. Without separators the query is one keyword: "噪声扰民" gives
// 噪声 声扰 扰民, which text indexed from "噪声，扰民" holds too.
std::vector<std::string> QueryTokenList(std::string_view query);

// The distinct tokens of QueryTokenList, separated by single spaces, at most kMaxQueryTokens of
// them (a longer query searches its beginning): a row matches when it holds all of them. Empty
// when the query has no searchable character; the caller then applies no keyword filter.
std::string QueryTokens(std::string_view query);

inline constexpr std::size_t kMaxQueryTokens = 32;

// True when a keyword of the query is a lone CJK character (e.g. "镇", or "三 镇"). The index holds
// such a character only where it stood alone in the text, not inside longer runs, so the caller
// should match that query by substring instead of by tokens.
bool NeedsSubstringSearch(std::string_view query);

}  // namespace xinfang::text
