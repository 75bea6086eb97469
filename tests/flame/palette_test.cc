#include "common/flame/palette.h"

#include <gtest/gtest.h>

#include "common/stack/go_names.h"

namespace flame {
namespace {

TEST(PaletteTest, ParsesEveryFlamegraphPlName) {
  Palette p;
  for (const char* name :
       {"hot", "mem", "io", "wakeup", "java", "js", "perl", "red", "green",
        "blue", "aqua", "yellow", "purple", "orange", "go"}) {
    EXPECT_TRUE(ParsePalette(name, &p)) << name;
  }
  EXPECT_FALSE(ParsePalette("rainbow", &p));
}

TEST(PaletteTest, ColoursAreAFunctionOfTheName) {
  EXPECT_EQ(FrameColor(Palette::kHot, "main"),
            FrameColor(Palette::kHot, "main"));
  EXPECT_FALSE(FrameColor(Palette::kHot, "main") ==
               FrameColor(Palette::kHot, "mainx"));
  const Rgb hot = FrameColor(Palette::kHot, "runtime.mallocgc");
  EXPECT_GE(hot.r, 205);
  EXPECT_LE(hot.b, 55);
}

TEST(PaletteTest, ClassifiesGoFrames) {
  EXPECT_EQ(ClassifyGoFrame("runtime.mallocgc"), GoFrameKind::kRuntime);
  EXPECT_EQ(ClassifyGoFrame("runtime.goexit.abi0"), GoFrameKind::kRuntime);
  EXPECT_EQ(ClassifyGoFrame("runtime/internal/atomic.Load"),
            GoFrameKind::kRuntime);
  EXPECT_EQ(ClassifyGoFrame("crypto/sha256.(*digest).checkSum"),
            GoFrameKind::kStdlib);
  EXPECT_EQ(ClassifyGoFrame("sync.(*Mutex).Lock"), GoFrameKind::kStdlib);
  EXPECT_EQ(ClassifyGoFrame("encoding/json.Marshal"), GoFrameKind::kStdlib);
  EXPECT_EQ(ClassifyGoFrame("main.(*Matrix).Multiply"), GoFrameKind::kMain);
  EXPECT_EQ(ClassifyGoFrame("main.main.func1.1"), GoFrameKind::kMain);
  EXPECT_EQ(ClassifyGoFrame("github.com/pkg/errors.Wrap"),
            GoFrameKind::kModule);
  EXPECT_EQ(ClassifyGoFrame("golang.org/x/net/http2.(*Framer).ReadFrame"),
            GoFrameKind::kModule);
  EXPECT_EQ(ClassifyGoFrame("_cgo_topofstack"), GoFrameKind::kCgoOrC);
  EXPECT_EQ(ClassifyGoFrame("cfree@GLIBC_2.2.5"), GoFrameKind::kCgoOrC);
  EXPECT_EQ(ClassifyGoFrame("std::vector<int>::push_back"),
            GoFrameKind::kCgoOrC);
  EXPECT_EQ(ClassifyGoFrame("[unknown]"), GoFrameKind::kCgoOrC);
  EXPECT_EQ(ClassifyGoFrame("memcpy.isra.0"), GoFrameKind::kCgoOrC);
  EXPECT_EQ(ClassifyGoFrame("entry_SYSCALL_64_after_hwframe"),
            GoFrameKind::kKernel);
  EXPECT_EQ(ClassifyGoFrame("do_syscall_64"), GoFrameKind::kKernel);
  EXPECT_EQ(ClassifyGoFrame("tick_sched_handle_[k]"), GoFrameKind::kKernel);
}

TEST(PaletteTest, GoKindsFollowTheProjectsGoNameRules) {
  // Runtime and standard library are exactly what stack::IsStandardLibrary
  // says, so the palette and the goroutine analysis agree.
  for (const char* name :
       {"runtime.mallocgc", "runtime/internal/atomic.Load", "fmt.Sprintf",
        "weak.Make", "testing.tRunner", "iter.Pull", "net/http.(*conn).serve",
        "main.main", "github.com/a/b.F", "example.com/m/internal/x.(*T).M"}) {
    const GoFrameKind kind = ClassifyGoFrame(name);
    EXPECT_EQ(kind == GoFrameKind::kRuntime || kind == GoFrameKind::kStdlib,
              stack::IsStandardLibrary(name))
        << name;
  }
  // Colouring policy on top: gcc clones and single-element names that no
  // standard package has are more likely C than a local module's package.
  EXPECT_EQ(ClassifyGoFrame("main.cold"), GoFrameKind::kCgoOrC);
  EXPECT_EQ(ClassifyGoFrame("time.isra.0"), GoFrameKind::kCgoOrC);
  EXPECT_EQ(ClassifyGoFrame("mylib.F"), GoFrameKind::kCgoOrC);
  EXPECT_EQ(ClassifyGoFrame("mymodule/pkg.F"), GoFrameKind::kModule);
  EXPECT_EQ(ClassifyGoFrame("gogo"), GoFrameKind::kRuntime);
  EXPECT_EQ(ClassifyGoFrame("runtime.cgocall"), GoFrameKind::kCgoOrC);
}

TEST(PaletteTest, GoPaletteGivesEachKindItsOwnHue) {
  // runtime yellow (r == g), stdlib aqua (g == b), main green (g high),
  // modules purple (r == b), C red (r high), kernel orange (b == 0).
  const Rgb runtime = FrameColor(Palette::kGo, "runtime.mallocgc");
  EXPECT_EQ(runtime.r, runtime.g);
  const Rgb std = FrameColor(Palette::kGo, "fmt.Sprintf");
  EXPECT_EQ(std.g, std.b);
  EXPECT_GT(std.g, std.r);
  const Rgb main = FrameColor(Palette::kGo, "main.main");
  EXPECT_GE(main.g, 200);
  EXPECT_LT(main.r, 200);
  const Rgb mod = FrameColor(Palette::kGo, "github.com/a/b.F");
  EXPECT_EQ(mod.r, mod.b);
  EXPECT_GT(mod.r, mod.g);
  const Rgb c = FrameColor(Palette::kGo, "malloc");
  EXPECT_GE(c.r, 200);
  EXPECT_EQ(c.g, c.b);
  const Rgb kernel = FrameColor(Palette::kGo, "do_syscall_64");
  EXPECT_EQ(kernel.b, 0);
}

TEST(PaletteTest, DiffColourShowsDirectionAndSize) {
  EXPECT_EQ(DiffColor(10, 10, false), (Rgb{255, 0, 0}));
  EXPECT_EQ(DiffColor(-10, 10, false), (Rgb{0, 0, 255}));
  EXPECT_EQ(DiffColor(5, 10, false), (Rgb{255, 100, 100}));
  EXPECT_EQ(DiffColor(5, 10, true), (Rgb{100, 100, 255}));
  EXPECT_EQ(DiffColor(0, 10, false), (Rgb{250, 250, 250}));
}

}  // namespace
}  // namespace flame
