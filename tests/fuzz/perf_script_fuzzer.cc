// Fuzzes the perf script parser: arbitrary bytes folded with options taken
// from the first byte, then written out; also the chunk-boundary finder.
// Must never crash, hang or trip a sanitizer.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "common/perf/chunk_folder.h"
#include "common/perf/collapser.h"
#include "common/stack/folded_text.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  uint8_t flags = data[0];
  std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  perf::CollapseOptions opt;
  opt.include_pid = flags & 1;
  opt.include_tid = flags & 2;
  opt.annotate_kernel = flags & 4;
  opt.annotate_jit = flags & 8;
  opt.include_addrs = flags & 16;
  opt.srcline = flags & 32;
  std::string event;
  if (flags & 64) perf::FindFirstEvent(text, &event);
  perf::ChunkFolder folder(opt, event, /*strict=*/flags & 128);
  size_t cut = perf::FindSampleBoundary(text);
  if (cut != std::string_view::npos && cut <= text.size()) {
    folder.Fold(text.substr(0, cut));
    folder.Fold(text.substr(cut));
  } else {
    folder.Fold(text);
  }
  stack::FoldedToString(folder.result());
  return 0;
}
