// A small strict JSON syntax checker for fuzz targets: the reports that
// print JSON must stay parseable whatever bytes the input held. Iterative
// (an explicit stack), so deep nesting cannot overflow the call stack.
#ifndef TESTS_FUZZ_JSON_CHECK_H_
#define TESTS_FUZZ_JSON_CHECK_H_

#include <string_view>

namespace fuzzcheck {

// True when `s` is exactly one JSON value (RFC 8259) with valid UTF-8.
bool IsValidJson(std::string_view s);

}  // namespace fuzzcheck

#endif  // TESTS_FUZZ_JSON_CHECK_H_
