#ifndef COMMON_STACK_GO_NAMES_H_
#define COMMON_STACK_GO_NAMES_H_

#include <string>
#include <string_view>
#include <vector>

namespace stack {

// Go name rules every tool shares: the pprof and goroutine converters tidy
// frames with them, the goroutine analysis and the flame palette classify
// frames with them, so a name means the same thing whichever tool you ran.

// What kind of code a Go function name belongs to, from its package path
// ("import/path.Func", the package ends at the first '.' after the last
// '/'). kNotGo: no package, or characters no Go import path can hold (C and
// C++ symbols, perf's "[unknown]").
enum class GoPackageKind {
  kRuntime,  // package runtime and its sub-packages (runtime/internal/...)
  kStdlib,   // the standard library: its top-level element is a known one
  kMain,     // package main
  kModule,   // anything else with a Go path: github.com/x/y, example.com/z
  kNotGo,
};
GoPackageKind ClassifyGoFunction(std::string_view func);

// True for runtime and standard-library functions: the frames a reader
// skips to find "where in my code". The one such predicate of the project.
bool IsStandardLibrary(std::string_view func);

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

}  // namespace stack

#endif  // COMMON_STACK_GO_NAMES_H_
