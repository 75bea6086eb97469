// Fuzzes the DTrace stack text reader (stackfold's dtrace format) directly,
// strict and lenient, with its probe and the trial parse detection runs
// when no probe is sure. The first byte selects strict mode; the rest is
// the text.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/dtrace/collapser.h"
#include "common/dtrace/format_probe.h"
#include "common/formats/trial_parse.h"
#include "common/io/bad_lines.h"
#include "common/stack/folded_stacks.h"
#include "common/stack/folded_text.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const bool strict = data[0] & 1;
  std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  dtrace::LooksLikeDtrace(text);
  std::string why;
  formats::DetectByTrialParse(text, &why);
  stack::FoldedStacks folded;
  io::BadLineSink bad(strict);
  dtrace::FoldDtraceText(text, &folded, &bad);
  if (bad.count() > 0 && bad.first_reason().empty()) __builtin_trap();
  if (strict && bad.count() > 1) __builtin_trap();
  // Every stack read has a frame, and no frame is empty (an empty one is
  // "-").
  for (size_t i = 0; i < folded.stacks.size(); ++i) {
    const std::string s = folded.Join(i);
    if (s.empty() || s.find(";;") != std::string::npos || s.back() == ';' ||
        s[0] == ';') {
      __builtin_trap();
    }
  }
  stack::FoldedToString(folded);
  return 0;
}
