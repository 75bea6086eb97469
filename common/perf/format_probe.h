#ifndef COMMON_PERF_FORMAT_PROBE_H_
#define COMMON_PERF_FORMAT_PROBE_H_

#include <string_view>

namespace perf {

// Whether `head` (the first KiB of an input, decompressed, possibly cut
// inside a line) is `perf script` text, judged with the parser's own
// grammar: a `perf script --header` banner, a sample header followed by a
// call-chain line, a one-line sample (header + frame), a run of headers
// with empty stacks (--max-stack 0), or tab-indented frames with no header
// at all (`perf script -F ip,sym`).
bool LooksLikePerfScript(std::string_view head);

}  // namespace perf

#endif  // COMMON_PERF_FORMAT_PROBE_H_
