#ifndef COMMON_PPROF_FORMAT_PROBE_H_
#define COMMON_PPROF_FORMAT_PROBE_H_

#include <string_view>

namespace pprof {

// Whether `head` (the first KiB of an input, gzip already removed) is a
// profile.proto message. pprof's first field is usually sample_type (field
// 1, length-delimited: 0x0a) but writers may order fields otherwise, so the
// test is that the bytes are binary: text formats are mostly printable.
bool LooksLikeProfileProto(std::string_view head);

// The Go heap profile text (?debug=1, "heap profile: ..."): see
// LooksLikeLegacyHeap in legacy_heap.h, next to its parser.

}  // namespace pprof

#endif  // COMMON_PPROF_FORMAT_PROBE_H_
