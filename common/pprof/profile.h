#ifndef COMMON_PPROF_PROFILE_H_
#define COMMON_PPROF_PROFILE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/pprof/sample_table.h"

namespace pprof {

// Sums of sample values wrap instead of overflowing (undefined behaviour)
// when a hostile profile carries values near the int64 limits.
inline int64_t AddWrap(int64_t a, int64_t b) {
  return static_cast<int64_t>(static_cast<uint64_t>(a) +
                              static_cast<uint64_t>(b));
}
inline int64_t MulWrap(int64_t a, int64_t b) {
  return static_cast<int64_t>(static_cast<uint64_t>(a) *
                              static_cast<uint64_t>(b));
}
inline int64_t AbsWrap(int64_t v) {
  return v < 0 ? static_cast<int64_t>(0 - static_cast<uint64_t>(v)) : v;
}

// A (type, unit) pair such as ("inuse_space", "bytes") or ("cpu",
// "nanoseconds"): what one column of sample values measures.
struct ValueType {
  std::string type;
  std::string unit;
  bool operator==(const ValueType&) const = default;
};

// A function as pprof knows it: its name, file and first line.
struct Function {
  uint64_t id = 0;
  std::string name;
  std::string system_name;
  std::string filename;
  int64_t start_line = 0;
};

// One source line of a location: an index into Profile::functions and a
// line number (0 when unknown).
struct Line {
  uint32_t function = 0;
  int64_t line = 0;
};

// The binary or library a location lives in.
struct Mapping {
  uint64_t id = 0;
  uint64_t start = 0;
  uint64_t limit = 0;
  uint64_t offset = 0;
  std::string file;
  std::string build_id;
};

// A program counter with its symbolised lines. Several lines mean inlined
// calls: lines[0] is the innermost (inlined) function, lines.back() the
// function the code physically belongs to.
struct Location {
  uint64_t id = 0;
  int32_t mapping = -1;  // index into Profile::mappings, -1 for none
  uint64_t address = 0;
  std::vector<Line> lines;
  bool is_folded = false;
};

// The in-memory form of any pprof profile (heap, CPU, mutex, block,
// goroutine ...), whichever file format it came from. Indexes, not ids,
// link the tables, so walking a stack costs no lookups.
struct Profile {
  std::vector<ValueType> sample_types;
  std::string default_sample_type;
  // One value per sample type (a merge: its columns, see MergedProfile).
  // Samples are added with samples.Add(locations, values, labels).
  SampleTable samples;
  std::vector<Mapping> mappings;
  std::vector<Location> locations;
  std::vector<Function> functions;
  std::string drop_frames;  // regexp, empty when none
  std::string keep_frames;
  int64_t time_nanos = 0;
  int64_t duration_nanos = 0;
  ValueType period_type;
  int64_t period = 0;
  std::vector<std::string> comments;

  // Resolves pprof's -sample_index: "" picks the default sample type, else
  // the last one; a number is an index; a name matches a type (with the
  // legacy "inuse_" prefix optional). Returns -1 and sets *error otherwise.
  int SampleIndex(std::string_view name, std::string* error) const;

  // "File: ..." name of the main binary (first mapping), or "".
  std::string MainBinary() const;
};

}  // namespace pprof

#endif  // COMMON_PPROF_PROFILE_H_
