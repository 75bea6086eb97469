#ifndef COMMON_FORMATS_INPUT_FORMAT_H_
#define COMMON_FORMATS_INPUT_FORMAT_H_

#include <string>
#include <string_view>

namespace formats {

// The inputs stackfold understands. The only place that knows every parser
// (see common/README.md): detection by content, never by file name.
enum class InputFormat {
  kUnknown,
  kPerfScript,     // `perf script` text
  kPprof,          // pprof profile.proto (gzip already removed by io)
  kLegacyHeap,     // Go heap profile text, ?debug=1 ("heap profile: ...")
  kLegacyCount,    // goroutine/threadcreate ?debug=1 ("... profile: total N")
  kContention,     // contention/mutex/block text ("--- contention:")
  kThreadz,        // threadz text ("--- threadz N ---")
  kLegacyCpu,      // legacy binary CPU profile (gperftools, Go before 1.9)
  kGoroutineDump,  // ?debug=2, SIGQUIT or crash output ("goroutine 1 [..]:")
  kDtrace,         // DTrace stack aggregation (stackcollapse.pl's input)
  kFolded,         // folded stacks "a;b;c 12"
};

// Decides the format from the first bytes of the (decompressed) input by
// asking each parser's own probe, in a fixed order (binary before text,
// formats with a decisive first line before the heuristic ones). `head`
// should be a few KiB; kUnknown when nothing fits.
InputFormat DetectFormat(std::string_view head);

// The --format name of a format ("perf", "pprof", "heap-text",
// "count-text", "contention-text", "threadz", "cpu-legacy", "goroutines",
// "dtrace", "folded"), and its inverse (false for an unknown name).
std::string_view FormatName(InputFormat format);
bool ParseFormatName(std::string_view name, InputFormat* format);
// "a pprof profile", "perf script text", ...: what a format is, for
// messages ("" for kUnknown).
std::string_view FormatDescription(InputFormat format);
// "perf, pprof, ...": every --format name, for help text and messages.
std::string FormatNames();
// "perf script text, a pprof profile, ...": what each format is, for the
// "not recognised" message.
std::string FormatDescriptions();

}  // namespace formats

#endif  // COMMON_FORMATS_INPUT_FORMAT_H_
