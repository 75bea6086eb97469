#ifndef COMMON_PPROF_FILTER_H_
#define COMMON_PPROF_FILTER_H_

#include <re2/re2.h>

#include <memory>
#include <string>
#include <vector>

#include "common/pprof/profile.h"

namespace pprof {

// pprof's name filters, each a regexp matched (unanchored) against function
// names and file names of a location (and its binary's path):
//   focus  keep only samples with a matching frame
//   ignore drop samples with a matching frame
//   hide   remove matching frames from stacks
//   show   keep only matching frames in stacks
struct NameFilters {
  std::unique_ptr<RE2> focus, ignore, hide, show;

  // Compiles the non-empty patterns. Returns false and sets *error (naming
  // the option) when one does not compile.
  bool Compile(const std::string& focus_rx, const std::string& ignore_rx,
               const std::string& hide_rx, const std::string& show_rx,
               std::string* error);
  bool empty() const { return !focus && !ignore && !hide && !show; }
  // "focus=..." etc. for the report's "Active filters:" header.
  std::vector<std::string> Describe() const;
};

// Which filters matched at least one location (pprof warns about the rest).
struct FilterMatches {
  bool focus = false, ignore = false, hide = false, show = false;
};

// Applies the filters to *p in place, as pprof's FilterSamplesByName does.
FilterMatches ApplyNameFilters(const NameFilters& f, Profile* p);

}  // namespace pprof

#endif  // COMMON_PPROF_FILTER_H_
