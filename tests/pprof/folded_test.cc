// The one pprof -> folded converter: exact stacks on a real profile, and
// the same stacks whichever consumer (stackfold, heapdiff --folded, the
// series) asks.
#include "common/pprof/folded.h"

#include <gtest/gtest.h>

#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "common/io/input_file.h"
#include "common/pprof/diff.h"
#include "common/pprof/diff_views.h"
#include "common/pprof/load.h"
#include "common/pprof/series.h"
#include "common/stack/folded_text.h"
#include "tests/pprof/load_util.h"

namespace pprof {
namespace {

// `go tool pprof -traces` of a goroutine profile (values are plain counts)
// as sorted folded text: blocks of "VALUE   leaf" and caller lines.
std::string TracesAsFolded(const std::string& path) {
  std::string text, err;
  EXPECT_TRUE(io::ReadWholeFile(path, &text, &err)) << err;
  std::map<std::string, int64_t> stacks;
  std::istringstream in(text);
  std::string line, stack;
  std::vector<std::string> frames;
  int64_t value = 0;
  auto flush = [&] {
    if (frames.empty()) return;
    std::string s;
    for (size_t i = frames.size(); i-- > 0;)
      s += (s.empty() ? "" : ";") + frames[i];
    stacks[s] += value;
    frames.clear();
  };
  bool in_traces = false;
  while (std::getline(in, line)) {
    if (line.rfind("-----------+", 0) == 0) {
      flush();
      in_traces = true;
      continue;
    }
    if (!in_traces || line.empty()) continue;
    std::istringstream fields(line);
    if (line[0] != ' ' || line.find_first_not_of(' ') < 11) {
      fields >> value;  // "      4000   runtime.gopark"
    }
    std::string frame;
    fields >> frame;
    frames.push_back(frame);
  }
  flush();
  std::string out;
  for (const auto& [s, v] : stacks) out += s + " " + std::to_string(v) + "\n";
  return out;
}

TEST(Folded, GoroutineProfileGivesTheStacksOfPprofTraces) {
  const std::string d = SHARED_DIR "/testdata/go/leaked-senders/";
  LoadedProfile lp = LoadForTest(d + "goroutine.pb.gz");
  stack::FoldedStacks folded;
  std::string err;
  ASSERT_TRUE(FoldProfile(&lp.profile, FoldOptions(), &folded, &err)) << err;
  const std::string got = stack::FoldedToString(folded);
  EXPECT_EQ(got, TracesAsFolded(d + "goroutine.pprof-traces.txt"));
  // Spelled out, the leak itself.
  EXPECT_NE(got.find("main.FilterService.func1;runtime.chansend1;"
                     "runtime.chansend;runtime.gopark 4000\n"),
            std::string::npos)
      << got;
}

// What stackfold folds for one profile file.
std::string StackfoldStacks(const std::string& path) {
  LoadedProfile lp = LoadForTest(path);
  stack::FoldedStacks folded;
  std::string err;
  EXPECT_TRUE(FoldProfile(&lp.profile, FoldOptions(), &folded, &err)) << err;
  return stack::FoldedToString(folded);
}

TEST(Folded, HeapdiffFoldedHasStackfoldsStacks) {
  const std::string d = TESTDATA_DIR "/";
  LoadedProfile before = LoadForTest(d + "1.heap"),
                after = LoadForTest(d + "2.heap");
  Comparison single;
  std::string err, alone;
  ASSERT_TRUE(Compare(nullptr, after.profile, DiffOptions(), &single, &err));
  WriteFoldedDiff(single, &alone);
  EXPECT_EQ(alone, StackfoldStacks(d + "2.heap"));
  // A diff's AFTER column is the same stacks again.
  Comparison diff;
  ASSERT_TRUE(
      Compare(&before.profile, after.profile, DiffOptions(), &diff, &err));
  std::string two;
  WriteFoldedDiff(diff, &two);
  std::string after_column;
  std::istringstream in(two);
  std::string line;
  while (std::getline(in, line)) {
    size_t a = line.rfind(' '), b = line.rfind(' ', a - 1);
    if (line.substr(a + 1) == "0") continue;
    after_column += line.substr(0, b) + line.substr(a) + "\n";
  }
  EXPECT_EQ(after_column, alone);
}

// A profile with what the consumers used to name differently: a generic
// shape, a location without symbols, a function without a name, and a
// drop_frames regexp.
Profile Tricky() {
  Profile p;
  p.sample_types = {{"inuse_space", "bytes"}};
  for (const char* n :
       {"main.main", "main.F[go.shape.int]", "", "runtime.mallocgc"}) {
    Function f;
    f.name = n;
    p.functions.push_back(f);
  }
  for (uint32_t f = 0; f < 4; ++f) {
    Location l;
    l.lines.push_back(Line{f, 0});
    p.locations.push_back(l);
  }
  Location bare;
  bare.address = 0x4a1b2c;
  p.locations.push_back(bare);
  p.samples.Add(std::vector<uint32_t>{3, 4, 1, 0},  // leaf first: mallocgc
                std::vector<int64_t>{7});           // is dropped
  p.samples.Add(std::vector<uint32_t>{2, 0}, std::vector<int64_t>{5});
  p.drop_frames = "runtime\\..*";
  return p;
}

TEST(Folded, OneBehaviourForShapesAddressesAndDropFrames) {
  const std::string want =
      "main.main;[unknown] 5\n"
      "main.main;main.F[...];0x4a1b2c 7\n";
  Profile p = Tricky();
  stack::FoldedStacks sf;
  std::string err;
  ASSERT_TRUE(FoldProfile(&p, FoldOptions(), &sf, &err)) << err;
  EXPECT_EQ(stack::FoldedToString(sf), want);

  Profile q = Tricky();
  Comparison c;
  ASSERT_TRUE(Compare(nullptr, q, DiffOptions(), &c, &err)) << err;
  std::string hd;
  WriteFoldedDiff(c, &hd);
  EXPECT_EQ(hd, want);

  std::vector<Profile> snaps(3, Tricky());
  std::vector<Profile*> ps = {&snaps[0], &snaps[1], &snaps[2]};
  SeriesReport r;
  ASSERT_TRUE(
      BuildSeries(ps, {"a", "b", "c"}, DiffOptions(), TrendOptions(), &r, &err))
      << err;
  ASSERT_EQ(r.entries.size(), 2u);
  EXPECT_EQ(r.entries[0].frames,
            (std::vector<std::string>{"main.main", "[unknown]"}));
  EXPECT_EQ(r.entries[1].frames,
            (std::vector<std::string>{"main.main", "main.F[...]", "0x4a1b2c"}));
}

TEST(Folded, OptionsNameFramesAsStackfoldFlags) {
  Profile p = Tricky();
  p.drop_frames.clear();
  p.functions[0].name = "runtime.main";
  p.functions[0].filename = "proc.go";
  p.locations[0].lines[0].line = 250;
  FoldOptions o;
  o.keep_shapes = true;
  o.trim_runtime = true;
  o.tag = "bytes";
  stack::FoldedStacks folded;
  std::string err;
  ASSERT_TRUE(FoldProfile(&p, o, &folded, &err)) << err;
  EXPECT_EQ(stack::FoldedToString(folded),
            "bytes=(none);[unknown] 5\n"
            "bytes=(none);main.F[go.shape.int];0x4a1b2c;runtime.mallocgc 7\n");
  o = FoldOptions();
  o.lines = true;
  stack::FoldedStacks lines;
  ASSERT_TRUE(FoldProfile(&p, o, &lines, &err)) << err;
  EXPECT_EQ(stack::FoldedToString(lines),
            "runtime.main:proc.go:250;[unknown]::0 5\n"
            "runtime.main:proc.go:250;main.F[...]::0;0x4a1b2c;"
            "runtime.mallocgc::0 7\n");
}

}  // namespace
}  // namespace pprof
