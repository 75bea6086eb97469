#ifndef COMMON_FORMATS_INPUT_FORMAT_H_
#define COMMON_FORMATS_INPUT_FORMAT_H_

#include <string_view>

namespace formats {

// The inputs stackfold understands. The only place that knows every parser
// (see ARCHITECTURE.md): detection by content, never by file name.
enum class InputFormat {
  kUnknown,
  kPerfScript,     // `perf script` text
  kPprof,          // pprof profile.proto (gzip already removed by io)
  kLegacyHeap,     // Go heap profile text, ?debug=1 ("heap profile: ...")
  kLegacyCount,    // goroutine/threadcreate ?debug=1 ("... profile: total N")
  kGoroutineDump,  // ?debug=2, SIGQUIT or crash output ("goroutine 1 [..]:")
  kFolded,         // folded stacks "a;b;c 12"
};

// Decides the format from the first bytes of the (decompressed) input.
// `head` should be a few KiB; kUnknown when nothing fits.
InputFormat DetectFormat(std::string_view head);

// "perf", "pprof", "heap-text", "count-text", "goroutines", "folded".
std::string_view FormatName(InputFormat format);
// The inverse of FormatName; false for an unknown name.
bool ParseFormatName(std::string_view name, InputFormat* format);
// What the user may pass to --format, for messages.
std::string_view FormatNames();

}  // namespace formats

#endif  // COMMON_FORMATS_INPUT_FORMAT_H_
