#ifndef TESTS_GOROUTINE_FIXTURE_UTIL_H_
#define TESTS_GOROUTINE_FIXTURE_UTIL_H_

// Loads dumps through the library the way goleak-cluster does and finds
// clusters by state and user frame.

#include <unistd.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/goroutine/analysis.h"
#include "common/goroutine/leak_rules.h"
#include "common/io/bad_lines.h"

namespace goroutine_test {

inline std::string GoData(const std::string& rel) {
  return std::string(SHARED_DIR) + "/testdata/go/" + rel;
}
inline bool Exists(const std::string& path) {
  return ::access(path.c_str(), R_OK) == 0;
}

struct Loaded {
  goroutine::Analysis a;
  uint64_t bad_lines = 0;
  std::string error;
};

// `earlier`: dumps before `base`, oldest first (--base given more than once).
inline std::unique_ptr<Loaded> Load(
    const std::vector<std::string>& files, const std::string& base = "",
    goroutine::AnalysisOptions options = {},
    const std::vector<std::string>& earlier = {}) {
  auto l = std::make_unique<Loaded>();
  l->a.symbols = std::make_unique<stack::SymbolTable>();
  io::BadLineSink bad;
  for (const std::string& e : earlier) {
    if (!goroutine::LoadDumps({e}, options.similarity, l->a.symbols.get(), &bad,
                              &l->a.earlier.emplace_back(), &l->error)) {
      return l;
    }
  }
  if (!base.empty()) {
    l->a.has_base = true;
    if (!goroutine::LoadDumps({base}, options.similarity, l->a.symbols.get(),
                              &bad, &l->a.base, &l->error)) {
      return l;
    }
  }
  bool ok = goroutine::LoadDumps(files, options.similarity, l->a.symbols.get(),
                                 &bad, &l->a.now, &l->error);
  l->bad_lines = bad.count();
  if (!ok) return l;
  goroutine::Analyze(options, &l->a, &l->error);
  return l;
}

// The entry whose user frame is `func` at `line` (and whose state is
// `state`, unless `state` is "*"); nullptr if none or several.
inline const goroutine::ClusterEntry* Find(const goroutine::Analysis& a,
                                           std::string_view state,
                                           std::string_view func,
                                           uint32_t line) {
  const goroutine::ClusterEntry* found = nullptr;
  for (const auto& e : a.entries) {
    const goroutine::Cluster& c = e.cluster();
    if (state != "*" && e.set->Name(c.state) != state) continue;
    int u = goroutine::FirstUserFrame(c, *e.set);
    if (u < 0) continue;
    if (e.set->Name(c.frames[u].func) != func) continue;
    if (c.frames[u].line != line) continue;
    if (found) return nullptr;
    found = &e;
  }
  return found;
}

inline std::string Base(std::string_view path) {
  size_t slash = path.rfind('/');
  return std::string(slash == std::string_view::npos ? path
                                                     : path.substr(slash + 1));
}

}  // namespace goroutine_test

#endif  // TESTS_GOROUTINE_FIXTURE_UTIL_H_
