#ifndef COMMON_IO_TRIM_H_
#define COMMON_IO_TRIM_H_

#include <string_view>

namespace io {

// The blanks a line of text may carry around its content: spaces, tabs, and
// the '\r' of a file written with CRLF line ends.
inline bool IsBlank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

inline std::string_view TrimLeftBlanks(std::string_view s) {
  size_t i = 0;
  while (i < s.size() && IsBlank(s[i])) ++i;
  return s.substr(i);
}

inline std::string_view TrimRightBlanks(std::string_view s) {
  while (!s.empty() && IsBlank(s.back())) s.remove_suffix(1);
  return s;
}

inline std::string_view TrimBlanks(std::string_view s) {
  return TrimRightBlanks(TrimLeftBlanks(s));
}

}  // namespace io

#endif  // COMMON_IO_TRIM_H_
