// Fuzzes the folded-text reader: every line split and added, then the
// aggregate written back and re-read; the round trip must be stable.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "common/io/line_reader.h"
#include "common/stack/folded_text.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  io::LineSplitter lines(text);
  std::string_view line;
  stack::FoldedStacks folded;
  std::vector<uint32_t> scratch;
  stack::FoldedLine parsed;
  while (lines.Next(&line)) {
    stack::SplitFoldedLine(line, &parsed);
    stack::AddFoldedLine(line, &folded, &scratch);
  }
  std::string once = stack::FoldedToString(folded);
  // Writing is a fixed point: reading our own output gives it back.
  stack::FoldedStacks again;
  io::LineSplitter out_lines(once);
  while (out_lines.Next(&line)) {
    if (stack::AddFoldedLine(line, &again, &scratch) != nullptr) std::abort();
  }
  if (stack::FoldedToString(again) != once) std::abort();
  return 0;
}
