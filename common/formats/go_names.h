#ifndef COMMON_FORMATS_GO_NAMES_H_
#define COMMON_FORMATS_GO_NAMES_H_

#include <string>
#include <string_view>
#include <vector>

namespace formats {

// Go-aware tidying shared by the pprof and goroutine converters.

// "pkg.F[go.shape.int_0,go.shape.string_1]" -> "pkg.F[...]", as Go's own
// tracebacks print generic functions. Appends to *out.
void AppendShortGeneric(std::string_view name, std::string* out);

// True for the runtime frames at the root of every goroutine that only add
// noise to a flame graph: runtime.goexit, runtime.main, runtime.mstart
// (and their .abi0 variants).
bool IsRuntimeRoot(std::string_view name);

// Removes leading (root-side) runtime frames from a root-first stack of
// names, keeping at least one frame.
void TrimRuntimeRoots(std::vector<std::string>* frames);

}  // namespace formats

#endif  // COMMON_FORMATS_GO_NAMES_H_
