#include "common/io/json_string.h"

#include <cstdint>

#include "common/io/utf8.h"

namespace io {

void AppendJsonString(std::string_view s, std::string* out) {
  static const char kHex[] = "0123456789abcdef";
  out->push_back('"');
  for (size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    switch (c) {
      case '"':
        out->append("\\\"");
        break;
      case '\\':
        out->append("\\\\");
        break;
      case '\n':
        out->append("\\n");
        break;
      case '\r':
        out->append("\\r");
        break;
      case '\t':
        out->append("\\t");
        break;
      default:
        if (c < 0x20 || c == 0x7f) {
          out->append("\\u00");
          out->push_back(kHex[c >> 4]);
          out->push_back(kHex[c & 15]);
        } else if (c < 0x80) {
          out->push_back(static_cast<char>(c));
        } else if (uint32_t cp; size_t n = DecodeUtf8(s, i, &cp)) {
          out->append(s.substr(i, n));
          i += n - 1;
        } else {
          // JSON must be UTF-8 (RFC 8259) and dumps may hold any bytes:
          // each byte that starts no valid sequence becomes U+FFFD.
          out->append("\\ufffd");
        }
    }
  }
  out->push_back('"');
}

}  // namespace io
