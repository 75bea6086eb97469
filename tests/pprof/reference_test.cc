// Our -top output against go tool pprof's, line for line: the shared
// fixtures' references and the ones in testdata/heapdiff/pprof-ref.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdlib>
#include <ctime>
#include <string>
#include <vector>

#include "common/io/input_file.h"
#include "common/pprof/diff.h"
#include "common/pprof/load.h"

namespace pprof {
namespace {

bool Exists(const std::string& path) {
  struct stat st;
  return stat(path.c_str(), &st) == 0;
}

std::string Slurp(const std::string& path) {
  std::string data, err;
  EXPECT_TRUE(io::ReadWholeFile(path, &data, &err)) << err;
  return data;
}

// What `heapdiff [flags] FILES...` prints for one or two profiles.
std::string Top(const std::vector<std::string>& files, DiffOptions o) {
  setenv("TZ", "UTC", 1);  // references were written in UTC
  tzset();
  std::vector<LoadedProfile> ps(files.size());
  for (size_t i = 0; i < files.size(); ++i) {
    std::string err;
    io::BadLineSink sink;
    EXPECT_TRUE(LoadProfile(files[i], &sink, &ps[i], &err)) << err;
  }
  Comparison c;
  std::string err;
  EXPECT_TRUE(Compare(files.size() == 2 ? &ps[0].profile : nullptr,
                      ps.back().profile, o, &c, &err))
      << err;
  std::string out;
  WriteTopText(TopOfComparison(&c, o), &out);
  return out;
}

std::vector<std::string> Lines(const std::string& text, size_t max) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos < text.size() && out.size() < max) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string::npos) nl = text.size();
    out.push_back(text.substr(pos, nl - pos));
    pos = nl + 1;
  }
  return out;
}

// The rows of a -top text: flat value and name, the first `n`.
std::vector<std::string> FlatAndName(const std::string& text, size_t n) {
  std::vector<std::string> rows;
  bool in_table = false;
  for (const std::string& l : Lines(text, 1000)) {
    if (in_table && rows.size() < n) {
      // Skip the five value columns; the name follows two spaces.
      size_t pos = 0;
      for (int field = 0; field < 5; ++field) {
        while (pos < l.size() && l[pos] == ' ') ++pos;
        while (pos < l.size() && l[pos] != ' ') ++pos;
      }
      rows.push_back(l.substr(0, 10) + "|" + l.substr(pos + 2));
    }
    if (l.find("flat%") != std::string::npos) in_table = true;
  }
  return rows;
}

const std::string kShared = SHARED_DIR "/testdata/go/";
const std::string kLocal = TESTDATA_DIR "/";

TEST(PprofReference, HeapPairsEverySampleIndexFlatAndCum) {
  if (!Exists(kShared)) GTEST_SKIP() << "no shared testdata at " << kShared;
  int compared = 0;
  for (const char* dir : {"heap-leak", "heap-huge"}) {
    for (const char* si :
         {"inuse_space", "inuse_objects", "alloc_space", "alloc_objects"}) {
      for (bool cum : {false, true}) {
        std::string d = kShared + dir + "/";
        DiffOptions o;
        o.sample_index = si;
        o.cum_sort = cum;
        std::string ref =
            d + "diff." + si + ".pprof-top" + (cum ? "-cum" : "") + ".txt";
        EXPECT_EQ(Top({d + "1.heap", d + "2.heap"}, o), Slurp(ref)) << ref;
        ++compared;
      }
    }
  }
  EXPECT_EQ(compared, 16);
}

TEST(PprofReference, SingleProfilesOfEveryKind) {
  if (!Exists(kShared)) GTEST_SKIP() << "no shared testdata at " << kShared;
  const char* kCases[][2] = {
      {"heap-leak/cpu.pb.gz", "heap-leak/cpu.pprof-top.txt"},
      {"lock-order-deadlock/mutex.pb.gz",
       "lock-order-deadlock/mutex.pprof-top.txt"},
      {"lock-order-deadlock/block.pb.gz",
       "lock-order-deadlock/block.pprof-top.txt"},
      {"lock-order-deadlock/goroutine.pb.gz",
       "lock-order-deadlock/goroutine.pprof-top.txt"},
      {"leaked-senders/goroutine.pb.gz",
       "leaked-senders/goroutine.pprof-top.txt"},
      {"chan-receive-noclose/goroutine.pb.gz",
       "chan-receive-noclose/goroutine.pprof-top.txt"},
      {"long-wait/goroutine.pb.gz", "long-wait/goroutine.pprof-top.txt"},
      {"nil-chan-select/goroutine.pb.gz",
       "nil-chan-select/goroutine.pprof-top.txt"},
  };
  for (const auto& c : kCases) {
    EXPECT_EQ(Top({kShared + c[0]}, DiffOptions()), Slurp(kShared + c[1]))
        << c[0];
  }
}

TEST(PprofReference, SeriesStepsAsPlainDiffs) {
  if (!Exists(kShared)) GTEST_SKIP() << "no shared testdata at " << kShared;
  std::string d = kShared + "heap-series/";
  for (int i = 1; i < 5; ++i) {
    std::string a = std::to_string(i), b = std::to_string(i + 1);
    EXPECT_EQ(Top({d + a + ".heap", d + b + ".heap"}, DiffOptions()),
              Slurp(d + "diff." + a + "-" + b + ".inuse_space.pprof-top.txt"));
  }
}

TEST(PprofReference, FiltersGranularityUnitNodecountDiffBase) {
  struct Case {
    const char* ref;
    DiffOptions o;
  };
  std::vector<Case> cases(10);
  cases[0].ref = "focus.txt";
  cases[0].o.focus = "main.remember";
  cases[1].ref = "ignore.txt";
  cases[1].o.ignore = "net/http\\.\\(\\*conn\\)";
  cases[2].ref = "hide.txt";
  cases[2].o.hide = "^net/http";
  cases[3].ref = "show.txt";
  cases[3].o.show = "^main\\.";
  cases[4].ref = "nodecount.txt";
  cases[4].o.node_count = 5;
  cases[5].ref = "lines.txt";
  cases[5].o.granularity = Granularity::kLines;
  cases[6].ref = "files.txt";
  cases[6].o.granularity = Granularity::kFiles;
  cases[7].ref = "diffbase.txt";
  cases[7].o.diff_base = true;
  cases[8].ref = "unit.txt";
  cases[8].o.unit = "MB";
  cases[9].ref = "alloc-objects-cum-lines.txt";
  cases[9].o.sample_index = "alloc_objects";
  cases[9].o.cum_sort = true;
  cases[9].o.granularity = Granularity::kLines;
  cases[9].o.node_count = 12;
  for (const Case& c : cases) {
    EXPECT_EQ(Top({kLocal + "1.heap", kLocal + "2.heap"}, c.o),
              Slurp(kLocal + "pprof-ref/" + c.ref))
        << c.ref;
  }
}

TEST(PprofReference, BenchPairIfPresent) {
  std::string d = SHARED_DIR "/bench/heap-wide/";
  if (!Exists(d + "1.heap")) GTEST_SKIP() << "no bench pair";
  DiffOptions o;
  EXPECT_EQ(Top({d + "1.heap", d + "2.heap"}, o),
            Slurp(d + "diff.inuse_space.pprof-top.txt"));
}

TEST(LegacyText, SameLeadingRowsAsTheProtobufPairWithoutABinary) {
  // The text profiles were taken just after their protobuf twins: totals
  // differ a little, the leading rows (function and flat value) do not.
  std::string proto = Top({kLocal + "1.heap", kLocal + "2.heap"}, {});
  std::string text =
      Top({kLocal + "1.heap.txt.gz", kLocal + "2.heap.txt.gz"}, {});
  EXPECT_EQ(FlatAndName(text, 6), FlatAndName(proto, 6));
  EXPECT_EQ(FlatAndName(text, 6)[3], "    4.69kB|main.runQuery (inline)");
  DiffOptions alloc;
  alloc.sample_index = "alloc_space";
  EXPECT_EQ(
      FlatAndName(
          Top({kLocal + "1.heap.txt.gz", kLocal + "2.heap.txt.gz"}, alloc), 2),
      FlatAndName(Top({kLocal + "1.heap", kLocal + "2.heap"}, alloc), 2));
}

TEST(LegacyText, HugeAllocationPair) {
  std::string d = kShared + "heap-huge/";
  if (!Exists(d)) GTEST_SKIP() << "no shared testdata";
  std::string text = Top({d + "1.heap.txt", d + "2.heap.txt"}, {});
  EXPECT_EQ(FlatAndName(text, 1),
            std::vector<std::string>{"    1024MB|main.main.func6"});
}

}  // namespace
}  // namespace pprof
