#ifndef COMMON_PPROF_MERGE_H_
#define COMMON_PPROF_MERGE_H_

#include <span>
#include <string>
#include <vector>

#include "common/pprof/profile.h"

namespace pprof {

// One profile going into a merge, with the factor its values are multiplied
// by (-1 for a base that is subtracted) and whether its samples are tagged
// as the diff base (pprof's -diff_base: they then never merge with samples
// of the other profile, and percentages are of the base total).
struct MergeSource {
  const Profile* profile = nullptr;
  int64_t sign = 1;
  bool diff_base = false;
};

// The result of Merge: a profile whose samples hold, for n sample types,
// n merged values followed by n raw values per source (source k's values at
// [n + k*n, n + k*n + n)), so reports can show "before" and "after" next to
// the difference. sample_types still lists the n types.
struct MergedProfile {
  Profile profile;
  size_t num_types = 0;
  size_t num_sources = 0;
  std::vector<bool> from_diff_base;  // per sample

  size_t SourceColumn(size_t source, size_t type) const {
    return num_types + source * num_types + type;
  }
};

// Merges profiles like pprof does (functions, locations and samples with the
// same key become one).
// The first source gives the header fields (binary, drop_frames); time is
// the earliest. Fails with *error when sample or period types differ.
// `types` (indexes into the sources' sample_types) are the types the merge
// keeps, in that order; all when empty. A report of one type needs only
// its own columns: a third of the values of a heap profile's four types.
bool Merge(const std::vector<MergeSource>& sources, MergedProfile* out,
           std::string* error, std::span<const int> types = {});

// The header fields of a merge: the first source's types and frame
// regexps, the earliest time, summed durations, the largest period, every
// distinct comment, the first default sample type.
void MergeHeaders(const std::vector<MergeSource>& sources, Profile* p);

// True when two profiles can be compared: same sample types and units, same
// period type. Otherwise sets *error to a sentence saying how they differ.
bool Compatible(const Profile& a, const Profile& b, std::string* error);

}  // namespace pprof

#endif  // COMMON_PPROF_MERGE_H_
