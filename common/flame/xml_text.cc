#include "common/flame/xml_text.h"

#include <cstdint>

#include "common/io/utf8.h"

namespace flame {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";

// Length of the valid UTF-8 character starting at s[i] that XML accepts,
// or 0 when the byte there must be replaced.
size_t ValidCharLength(std::string_view s, size_t i) {
  const unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) return (c < 0x20 || c == 0x7f) ? 0 : 1;
  uint32_t cp = 0;
  const size_t len = io::DecodeUtf8(s, i, &cp);
  // XML's Char production also excludes the two noncharacters U+FFFE and
  // U+FFFF, which JSON allows.
  if (cp == 0xfffe || cp == 0xffff) return 0;
  return len;
}

// Appends one character starting at s[i]; returns how many bytes it used.
size_t AppendChar(std::string_view s, size_t i, std::string* out) {
  const size_t len = ValidCharLength(s, i);
  if (len == 0) {
    out->append(kReplacement);
    return 1;
  }
  if (len == 1) {
    switch (s[i]) {
      case '&':
        out->append("&amp;");
        return 1;
      case '<':
        out->append("&lt;");
        return 1;
      case '>':
        out->append("&gt;");
        return 1;
      case '"':
        out->append("&quot;");
        return 1;
      case '\'':
        out->append("&apos;");
        return 1;
      default:
        out->push_back(s[i]);
        return 1;
    }
  }
  out->append(s.substr(i, len));
  return len;
}

bool NeedsWork(unsigned char c) {
  return c < 0x20 || c >= 0x7f || c == '&' || c == '<' || c == '>' ||
         c == '"' || c == '\'';
}

}  // namespace

void AppendXmlEscaped(std::string_view s, std::string* out) {
  size_t i = 0;
  while (i < s.size()) {
    // Copy runs of plain ASCII in one go; most names are all plain.
    size_t run = i;
    while (run < s.size() && !NeedsWork(static_cast<unsigned char>(s[run]))) {
      ++run;
    }
    out->append(s.data() + i, run - i);
    i = run;
    if (i < s.size()) i += AppendChar(s, i, out);
  }
}

size_t XmlCharCount(std::string_view s) {
  size_t n = 0;
  for (size_t i = 0; i < s.size(); ++n) {
    const size_t len = ValidCharLength(s, i);
    i += len == 0 ? 1 : len;
  }
  return n;
}

void AppendXmlLabel(std::string_view s, size_t max_chars, bool keep_end,
                    std::string* out) {
  if (max_chars < 3) return;
  const size_t total = XmlCharCount(s);
  if (total <= max_chars) {
    AppendXmlEscaped(s, out);
    return;
  }
  const size_t keep = max_chars - 2;
  const size_t skip = keep_end ? total - keep : 0;
  if (keep_end) out->append("..");
  size_t i = 0;
  for (size_t n = 0; i < s.size() && n < skip + keep; ++n) {
    if (n < skip) {
      const size_t len = ValidCharLength(s, i);
      i += len == 0 ? 1 : len;
    } else {
      i += AppendChar(s, i, out);
    }
  }
  if (!keep_end) out->append("..");
}

}  // namespace flame
