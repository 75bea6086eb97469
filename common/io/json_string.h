#ifndef COMMON_IO_JSON_STRING_H_
#define COMMON_IO_JSON_STRING_H_

#include <string>
#include <string_view>

namespace io {

// Appends `s` as a JSON string literal (quotes included): quotes,
// backslashes and control bytes escaped, valid UTF-8 kept, and every byte
// that starts no valid UTF-8 sequence replaced by U+FFFD, since JSON must
// be UTF-8 (RFC 8259) and our inputs (symbol names, dumps) may hold any
// bytes. Every tool's --json output goes through here.
void AppendJsonString(std::string_view s, std::string* out);

}  // namespace io

#endif  // COMMON_IO_JSON_STRING_H_
