#include "common/flame/palette.h"

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "common/flame/frame_annotation.h"
#include "common/stack/go_names.h"
#include "common/stack/hash.h"

namespace flame {
namespace {

struct PaletteName {
  std::string_view name;
  Palette palette;
};

constexpr std::array<PaletteName, 15> kPalettes = {{
    {"hot", Palette::kHot},
    {"mem", Palette::kMem},
    {"io", Palette::kIo},
    {"wakeup", Palette::kWakeup},
    {"java", Palette::kJava},
    {"js", Palette::kJs},
    {"perl", Palette::kPerl},
    {"red", Palette::kRed},
    {"green", Palette::kGreen},
    {"blue", Palette::kBlue},
    {"aqua", Palette::kAqua},
    {"yellow", Palette::kYellow},
    {"purple", Palette::kPurple},
    {"orange", Palette::kOrange},
    {"go", Palette::kGo},
}};

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}
bool Contains(std::string_view s, std::string_view part) {
  return s.find(part) != std::string_view::npos;
}

// Three numbers in [0, 1) from one hash of the name.
struct Variation {
  double v1, v2, v3;
};
Variation Vary(std::string_view name) {
  const uint64_t h = stack::StableHash(name, 0x666c616d65ULL);
  constexpr double kScale = 1.0 / (1 << 21);
  return {static_cast<double>(h & 0x1fffff) * kScale,
          static_cast<double>((h >> 21) & 0x1fffff) * kScale,
          static_cast<double>((h >> 42) & 0x1fffff) * kScale};
}

Rgb Make(double r, double g, double b) {
  return Rgb{static_cast<int>(r), static_cast<int>(g), static_cast<int>(b)};
}

// The plain hues; `v` is the per-name variation.
Rgb Hue(Palette hue, const Variation& v) {
  switch (hue) {
    case Palette::kRed:
      return Make(200 + 55 * v.v1, 50 + 80 * v.v1, 50 + 80 * v.v1);
    case Palette::kGreen:
      return Make(50 + 60 * v.v1, 200 + 55 * v.v1, 50 + 60 * v.v1);
    case Palette::kBlue:
      return Make(80 + 60 * v.v1, 80 + 60 * v.v1, 205 + 50 * v.v1);
    case Palette::kYellow:
      return Make(175 + 55 * v.v1, 175 + 55 * v.v1, 50 + 20 * v.v1);
    case Palette::kPurple:
      return Make(190 + 65 * v.v1, 80 + 60 * v.v1, 190 + 65 * v.v1);
    case Palette::kAqua:
      return Make(50 + 60 * v.v1, 165 + 55 * v.v1, 165 + 55 * v.v1);
    case Palette::kOrange:
      return Make(190 + 65 * v.v1, 90 + 65 * v.v1, 0);
    case Palette::kMem:
      return Make(0, 190 + 50 * v.v2, 210 * v.v1);
    case Palette::kIo:
      return Make(80 + 60 * v.v1, 80 + 60 * v.v1, 190 + 55 * v.v2);
    case Palette::kHot:
    default:
      return Make(205 + 50 * v.v3, 230 * v.v1, 55 * v.v2);
  }
}

// Language palettes pick a hue from annotations and name shapes.
Palette JavaHue(std::string_view name) {
  switch (AnnotationOf(name)) {
    case FrameAnnotation::kJit:
      return Palette::kGreen;
    case FrameAnnotation::kInlined:
      return Palette::kAqua;
    case FrameAnnotation::kKernel:
      return Palette::kOrange;
    default:
      break;
  }
  std::string_view n = name;
  if (StartsWith(n, "L")) n.remove_prefix(1);
  for (std::string_view p :
       {"java/", "javax/", "jdk/", "net/", "org/", "com/", "io/", "sun/"}) {
    if (StartsWith(n, p)) return Palette::kGreen;
  }
  if (Contains(name, "::")) return Palette::kYellow;  // C++
  return Palette::kRed;                               // C
}

Palette JsHue(std::string_view name) {
  const FrameAnnotation annotation = AnnotationOf(name);
  if (annotation == FrameAnnotation::kKernel) return Palette::kOrange;
  if (annotation == FrameAnnotation::kJit) {
    return Contains(name, "/") ? Palette::kGreen : Palette::kAqua;
  }
  const size_t slash = name.find('/');
  if (slash != std::string_view::npos &&
      name.find(".js", slash) != std::string_view::npos) {
    return Palette::kGreen;  // JS with a source path
  }
  if (StartsWith(name, "JS:") || Contains(name, "node:")) {
    return Palette::kGreen;
  }
  if (Contains(name, "::")) return Palette::kYellow;  // C++ (V8, node)
  if (Contains(name, ":")) return Palette::kAqua;     // builtins, stubs
  return Palette::kRed;
}

Palette PerlHue(std::string_view name) {
  if (AnnotationOf(name) == FrameAnnotation::kKernel) return Palette::kOrange;
  if (Contains(name, "::")) return Palette::kYellow;
  if (Contains(name, "Perl") || Contains(name, ".pl")) return Palette::kGreen;
  return Palette::kRed;
}

bool IsKernelName(std::string_view name) {
  if (AnnotationOf(name) == FrameAnnotation::kKernel ||
      Contains(name, "[kernel.kallsyms]")) {
    return true;
  }
  for (std::string_view p : {"entry_SYSCALL",     "do_syscall_",
                             "__x64_sys_",        "x64_sys_call",
                             "__do_sys_",         "ksys_",
                             "asm_exc_",          "asm_sysvec_",
                             "asm_common_",       "sysvec_",
                             "exc_page_fault",    "do_user_addr_fault",
                             "handle_mm_fault",   "__handle_mm_fault",
                             "irqentry_",         "__irq_",
                             "irq_exit",          "ret_from_fork",
                             "schedule",          "__schedule",
                             "syscall_exit_",     "exit_to_user_mode",
                             "native_",           "__softirqentry",
                             "__do_softirq",      "_raw_spin_",
                             "finish_task_switch"}) {
    if (StartsWith(name, p)) return true;
  }
  // gcc clones of kernel (and other C) functions: set_ptes.isra.0
  return false;
}

// cgo glue and C code called through it.
bool IsCgoName(std::string_view name) {
  for (std::string_view p : {"_cgo_", "x_cgo", "C.", "crosscall",
                             "runtime.cgocall", "runtime.asmcgocall"}) {
    if (StartsWith(name, p)) return true;
  }
  return false;
}

// Assembly routines of the runtime that carry no package prefix.
bool IsRuntimeAssembly(std::string_view name) {
  for (std::string_view p :
       {"aeshashbody", "memeqbody", "cmpbody", "indexbytebody", "countbody",
        "gogo", "gosave_systemstack_switch", "callRet", "debugCall"}) {
    if (StartsWith(name, p)) return true;
  }
  return false;
}

// "name.F" with no '/' in the package path (the path ends before any
// receiver or type argument). Go code is mostly in such packages only for
// the standard library and main; other single-element names with a dot
// are likelier C symbols than a local module's package.
bool SingleElementPath(std::string_view name) {
  return name.substr(0, name.find_first_of("([")).find('/') ==
         std::string_view::npos;
}

// gcc clone suffixes of C functions: memcpy.isra.0, foo.part.1, main.cold.
bool IsGccClone(std::string_view name) {
  const size_t dot = name.find('.');
  if (dot == std::string_view::npos) return false;
  const std::string_view rest = name.substr(dot);
  for (std::string_view p :
       {".isra.", ".part.", ".constprop.", ".cold", ".lto_priv"}) {
    if (StartsWith(rest, p)) return true;
  }
  return false;
}

}  // namespace

bool ParsePalette(std::string_view name, Palette* out) {
  for (const PaletteName& p : kPalettes) {
    if (p.name == name) {
      *out = p.palette;
      return true;
    }
  }
  return false;
}

GoFrameKind ClassifyGoFrame(std::string_view name) {
  // Kernel, cgo and C checks are colouring policy; what is Go's runtime,
  // standard library, main or another module is the project's one rule.
  if (IsKernelName(name)) return GoFrameKind::kKernel;
  if (IsCgoName(name)) return GoFrameKind::kCgoOrC;
  if (IsRuntimeAssembly(name)) return GoFrameKind::kRuntime;
  const bool single_element = SingleElementPath(name);
  if (single_element && IsGccClone(name)) return GoFrameKind::kCgoOrC;
  switch (stack::ClassifyGoFunction(name)) {
    case stack::GoPackageKind::kRuntime:
      return GoFrameKind::kRuntime;
    case stack::GoPackageKind::kStdlib:
      return GoFrameKind::kStdlib;
    case stack::GoPackageKind::kMain:
      return GoFrameKind::kMain;
    case stack::GoPackageKind::kModule:
      return single_element ? GoFrameKind::kCgoOrC : GoFrameKind::kModule;
    case stack::GoPackageKind::kNotGo:
    default:
      return GoFrameKind::kCgoOrC;
  }
}

Rgb FrameColor(Palette palette, std::string_view name) {
  const Variation v = Vary(name);
  switch (palette) {
    case Palette::kJava:
      return Hue(JavaHue(name), v);
    case Palette::kJs:
      return Hue(JsHue(name), v);
    case Palette::kPerl:
      return Hue(PerlHue(name), v);
    case Palette::kWakeup:
      return Hue(Palette::kAqua, v);
    case Palette::kGo:
      return GoKindColor(ClassifyGoFrame(name), name);
    default:
      return Hue(palette, v);
  }
}

Rgb GoKindColor(GoFrameKind kind, std::string_view name) {
  const Variation v = Vary(name);
  switch (kind) {
    case GoFrameKind::kRuntime:
      return Hue(Palette::kYellow, v);
    case GoFrameKind::kStdlib:
      return Hue(Palette::kAqua, v);
    case GoFrameKind::kMain:
      return Hue(Palette::kGreen, v);
    case GoFrameKind::kModule:
      return Hue(Palette::kPurple, v);
    case GoFrameKind::kKernel:
      return Hue(Palette::kOrange, v);
    case GoFrameKind::kCgoOrC:
    default:
      return Hue(Palette::kRed, v);
  }
}

Rgb DiffColor(double delta, double max_abs_delta, bool negate) {
  if (negate) delta = -delta;
  if (delta == 0 || max_abs_delta <= 0) return Rgb{250, 250, 250};
  // Linear in |delta| like flamegraph.pl, but never fully white so a small
  // change still reads as a change.
  const double share = std::min(1.0, std::fabs(delta) / max_abs_delta);
  const int fade = static_cast<int>(200 * (1 - share));
  if (delta > 0) return Rgb{255, fade, fade};
  return Rgb{fade, fade, 255};
}

bool ConsistentPalette::Load(const std::string& path, std::string* error) {
  FILE* f = std::fopen(path.c_str(), "r");
  if (f == nullptr) {
    if (errno == ENOENT) return true;  // first run: start empty
    *error = path + ": " + std::strerror(errno);
    return false;
  }
  char buf[8192];
  while (std::fgets(buf, sizeof(buf), f) != nullptr) {
    std::string_view line(buf);
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) {
      line.remove_suffix(1);
    }
    const size_t arrow = line.rfind("->rgb(");
    if (arrow == std::string_view::npos || line.back() != ')') continue;
    int c[3];
    std::string_view nums = line.substr(arrow + 6, line.size() - arrow - 7);
    bool ok = true;
    for (int k = 0; k < 3 && ok; ++k) {
      const size_t comma = nums.find(',');
      std::string_view num = nums.substr(0, comma);
      auto r = std::from_chars(num.data(), num.data() + num.size(), c[k]);
      ok = r.ec == std::errc() && r.ptr == num.data() + num.size() &&
           c[k] >= 0 && c[k] <= 255 &&
           ((k < 2) == (comma != std::string_view::npos));
      if (comma != std::string_view::npos) nums.remove_prefix(comma + 1);
    }
    if (ok) colors_[std::string(line.substr(0, arrow))] = Rgb{c[0], c[1], c[2]};
  }
  std::fclose(f);
  return true;
}

Rgb ConsistentPalette::Get(std::string_view name, Rgb fresh) {
  auto it = colors_.find(name);
  if (it != colors_.end()) return it->second;
  colors_.emplace(std::string(name), fresh);
  return fresh;
}

bool ConsistentPalette::Save(const std::string& path,
                             std::string* error) const {
  FILE* f = std::fopen(path.c_str(), "w");
  if (f == nullptr) {
    *error = path + ": " + std::strerror(errno);
    return false;
  }
  for (const auto& [name, c] : colors_) {
    std::fprintf(f, "%s->rgb(%d,%d,%d)\n", name.c_str(), c.r, c.g, c.b);
  }
  const bool ok = std::fclose(f) == 0;
  if (!ok) *error = path + ": write failed";
  return ok;
}

}  // namespace flame
