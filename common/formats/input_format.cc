#include "common/formats/input_format.h"

#include "common/dtrace/format_probe.h"
#include "common/goroutine/format_probe.h"
#include "common/perf/format_probe.h"
#include "common/pprof/format_probe.h"
#include "common/pprof/legacy_contention.h"
#include "common/pprof/legacy_cpu.h"
#include "common/pprof/legacy_heap.h"
#include "common/pprof/legacy_threadz.h"
#include "common/stack/folded_probe.h"

namespace formats {
namespace {

// The one table of input formats: name, what it is, and the probe of the
// parser that reads it, in the order detection asks them. Binary profiles
// first (text probes would misread them; the legacy CPU header is exact,
// the protobuf test statistical); then the formats whose
// first line decides (heap and count text, goroutine headers), then perf,
// and folded text last: its test is statistical.
struct FormatInfo {
  InputFormat format;
  std::string_view name;
  std::string_view description;
  bool (*probe)(std::string_view head);
};
constexpr FormatInfo kFormats[] = {
    {InputFormat::kLegacyCpu, "cpu-legacy", "a legacy binary CPU profile",
     pprof::LooksLikeLegacyCpu},
    {InputFormat::kPprof, "pprof", "a pprof profile",
     pprof::LooksLikeProfileProto},
    {InputFormat::kLegacyHeap, "heap-text", "a Go heap profile in text",
     pprof::LooksLikeLegacyHeap},
    {InputFormat::kLegacyCount, "count-text",
     "a goroutine, goroutineleak or threadcreate profile in text",
     goroutine::LooksLikeCountProfile},
    {InputFormat::kContention, "contention-text",
     "a contention, mutex or block profile in text",
     pprof::LooksLikeContention},
    {InputFormat::kThreadz, "threadz", "a threadz profile",
     pprof::LooksLikeThreadz},
    {InputFormat::kGoroutineDump, "goroutines", "a goroutine dump",
     goroutine::LooksLikeGoroutineDump},
    {InputFormat::kDtrace, "dtrace", "DTrace stack text",
     dtrace::LooksLikeDtrace},
    {InputFormat::kPerfScript, "perf", "perf script text",
     perf::LooksLikePerfScript},
    {InputFormat::kFolded, "folded", "folded stacks", stack::LooksLikeFolded},
};

// --format names are listed perf first: what most users have.
constexpr InputFormat kNameOrder[] = {
    InputFormat::kPerfScript, InputFormat::kPprof,
    InputFormat::kLegacyHeap, InputFormat::kLegacyCount,
    InputFormat::kContention, InputFormat::kThreadz,
    InputFormat::kLegacyCpu,  InputFormat::kGoroutineDump,
    InputFormat::kDtrace,     InputFormat::kFolded,
};

const FormatInfo* Find(InputFormat format) {
  for (const FormatInfo& f : kFormats) {
    if (f.format == format) return &f;
  }
  return nullptr;
}

// One field of every format, in --format name order, joined by ", ".
std::string JoinInNameOrder(std::string_view FormatInfo::*field) {
  std::string out;
  for (InputFormat format : kNameOrder) {
    if (!out.empty()) out += ", ";
    out += Find(format)->*field;
  }
  return out;
}

}  // namespace

InputFormat DetectFormat(std::string_view head) {
  if (head.empty()) return InputFormat::kUnknown;
  for (const FormatInfo& f : kFormats) {
    if (f.probe(head)) return f.format;
  }
  return InputFormat::kUnknown;
}

std::string_view FormatName(InputFormat format) {
  const FormatInfo* f = Find(format);
  return f != nullptr ? f->name : "unknown";
}

std::string_view FormatDescription(InputFormat format) {
  const FormatInfo* f = Find(format);
  return f != nullptr ? f->description : "";
}

bool ParseFormatName(std::string_view name, InputFormat* format) {
  for (const FormatInfo& f : kFormats) {
    if (f.name == name) {
      *format = f.format;
      return true;
    }
  }
  return false;
}

std::string FormatNames() { return JoinInNameOrder(&FormatInfo::name); }

std::string FormatDescriptions() {
  return JoinInNameOrder(&FormatInfo::description);
}

}  // namespace formats
