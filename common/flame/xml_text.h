#ifndef COMMON_FLAME_XML_TEXT_H_
#define COMMON_FLAME_XML_TEXT_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace flame {

// Frame names come from arbitrary binaries and scripts, so they may hold
// markup, control bytes or broken UTF-8. These helpers turn any byte string
// into text that is valid inside an XML element or a quoted attribute:
// & < > " ' become entities, C0 control bytes, DEL and invalid UTF-8
// (overlong forms, surrogates, U+FFFE/U+FFFF, truncated sequences) become
// U+FFFD. The output can never close an element, a CDATA section or a
// comment, so names cannot inject markup or script.

// Appends the escaped form of `s` to *out.
void AppendXmlEscaped(std::string_view s, std::string* out);

// Number of characters `s` shows as after sanitising (each invalid byte
// counts as one replacement character).
size_t XmlCharCount(std::string_view s);

// Appends `s` escaped and shortened to at most `max_chars` characters, the
// way flame graph labels are fitted into their frame: when too long it
// keeps the first max_chars-2 characters and appends ".." (or, with
// `keep_end`, writes ".." and the last max_chars-2 characters). Cuts fall
// between characters, never inside an escape or a UTF-8 sequence. With
// max_chars < 3 nothing is appended.
void AppendXmlLabel(std::string_view s, size_t max_chars, bool keep_end,
                    std::string* out);

}  // namespace flame

#endif  // COMMON_FLAME_XML_TEXT_H_
