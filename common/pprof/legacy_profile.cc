#include "common/pprof/legacy_profile.h"

#include "common/pprof/legacy_contention.h"
#include "common/pprof/legacy_count.h"
#include "common/pprof/legacy_cpu.h"
#include "common/pprof/legacy_threadz.h"

namespace pprof {

LegacyFormat DetectLegacyFormat(std::string_view head) {
  if (LooksLikeLegacyCpu(head)) return LegacyFormat::kCpu;
  if (LooksLikeLegacyHeap(head)) return LegacyFormat::kHeap;
  if (LooksLikeLegacyCount(head)) return LegacyFormat::kCount;
  if (LooksLikeThreadz(head)) return LegacyFormat::kThreadz;
  if (LooksLikeContention(head)) return LegacyFormat::kContention;
  return LegacyFormat::kNone;
}

std::string_view LegacyFormatDescription(LegacyFormat format) {
  switch (format) {
    case LegacyFormat::kCpu:
      return "a legacy binary CPU profile";
    case LegacyFormat::kHeap:
      return "a heap profile in text";
    case LegacyFormat::kCount:
      return "a count profile in text";
    case LegacyFormat::kThreadz:
      return "a threadz profile";
    case LegacyFormat::kContention:
      return "a contention profile in text";
    case LegacyFormat::kNone:
      break;
  }
  return "";
}

bool ParseLegacyProfile(LegacyFormat format, std::string_view data,
                        Profile* out, MemStats* memstats, io::BadLineSink* bad,
                        std::string* error) {
  switch (format) {
    case LegacyFormat::kCpu:
      return ParseLegacyCpu(data, out, bad, error);
    case LegacyFormat::kHeap:
      return ParseLegacyHeap(data, out, memstats, bad, error);
    case LegacyFormat::kCount:
      return ParseLegacyCount(data, out, bad, error);
    case LegacyFormat::kThreadz:
      return ParseThreadz(data, out, bad, error);
    case LegacyFormat::kContention:
      return ParseContention(data, out, bad, error);
    case LegacyFormat::kNone:
      break;
  }
  *error = "not a legacy profile";
  return false;
}

}  // namespace pprof
