#ifndef COMMON_FLAME_PALETTE_H_
#define COMMON_FLAME_PALETTE_H_

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

namespace flame {

// The --colors choices: flamegraph.pl's palettes plus "go".
enum class Palette {
  kHot,
  kMem,
  kIo,
  kWakeup,
  kJava,
  kJs,
  kPerl,
  kRed,
  kGreen,
  kBlue,
  kAqua,
  kYellow,
  kPurple,
  kOrange,
  kGo,
};

// Parses a --colors value; false for an unknown name.
bool ParsePalette(std::string_view name, Palette* out);

// An sRGB colour, printed as rgb(r,g,b).
struct Rgb {
  int r = 0, g = 0, b = 0;
  bool operator==(const Rgb&) const = default;
};

// Colour of a frame in a normal graph. Deterministic: the variation within
// a hue comes from a hash of the name, never from a random generator, so
// the same input always gives the same bytes and the same function the same
// colour in every graph.
Rgb FrameColor(Palette palette, std::string_view name);

// Colour of a frame in a differential graph: red for growth, blue for
// shrinkage (swapped by `negate`), more saturated the larger |delta| is
// relative to `max_abs_delta`; white-ish for no change.
Rgb DiffColor(double delta, double max_abs_delta, bool negate);

// What the "go" palette tells apart, each with its own hue.
enum class GoFrameKind {
  kRuntime,  // runtime.*, runtime/... (yellow)
  kStdlib,   // standard library packages: fmt, sync, crypto/sha256 (aqua)
  kMain,     // the main package: main.* (green)
  kModule,   // other modules: github.com/x/y.F, golang.org/x/... (purple)
  kCgoOrC,   // cgo glue, C and C++ code, libc, [unknown] (red)
  kKernel,   // kernel frames: _[k] annotations and kernel entry names
             // (orange)
};

// Classifies a frame name from a Go program's profile.
GoFrameKind ClassifyGoFrame(std::string_view name);

// The "go" palette's colour for a frame of that kind. The writer uses it to
// colour everything called from a kernel entry point as kernel, which the
// name alone cannot tell (do_madvise, flush_tlb_mm_range, ...).
Rgb GoKindColor(GoFrameKind kind, std::string_view name);

// The --cp "consistent palette": colours remembered per name in a file
// (palette.map, lines "name->rgb(r,g,b)") so repeated graphs keep them.
class ConsistentPalette {
 public:
  // Loads `path` if it exists; false with *error when it cannot be read.
  bool Load(const std::string& path, std::string* error);
  // The remembered colour of `name`, or `fresh` (then remembered).
  Rgb Get(std::string_view name, Rgb fresh);
  // Writes all colours back, sorted by name.
  bool Save(const std::string& path, std::string* error) const;

 private:
  std::map<std::string, Rgb, std::less<>> colors_;
};

}  // namespace flame

#endif  // COMMON_FLAME_PALETTE_H_
