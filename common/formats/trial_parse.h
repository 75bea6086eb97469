#ifndef COMMON_FORMATS_TRIAL_PARSE_H_
#define COMMON_FORMATS_TRIAL_PARSE_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "common/formats/input_format.h"

namespace formats {

// How one text parser fared on a prefix of an input.
struct TrialResult {
  InputFormat format = InputFormat::kUnknown;
  uint64_t good = 0;  // lines read into stacks
  uint64_t bad = 0;   // malformed lines
};

// When no probe is sure of an input: each text parser (perf, DTrace,
// folded) reads `head` (a bounded prefix, cut at its last newline) and the
// one that read something with clearly the fewest bad lines wins: at least
// as many lines read as rejected, and at most half the bad lines of any
// other parser that read something. kUnknown when none qualifies; *why
// then says what each parser made of it ("" when none read a line).
InputFormat DetectByTrialParse(std::string_view head, std::string* why);

// Each candidate's result, in table order (for tests and messages).
TrialResult TryParse(InputFormat format, std::string_view head);

}  // namespace formats

#endif  // COMMON_FORMATS_TRIAL_PARSE_H_
