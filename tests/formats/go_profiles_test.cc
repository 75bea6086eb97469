// stackfold's view of Go's own profiles, checked against `go tool pprof`:
// heap profiles against `-raw` (exact values per sample index), the other
// kinds against `-traces` (same stacks, values equal up to pprof's
// rounding), goroutine dumps against their goroutine counts.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "common/formats/input_folder.h"
#include "common/io/input_file.h"
#include "common/stack/folded_text.h"

namespace {

namespace fs = std::filesystem;
const fs::path kGo = fs::path(SHARED_DIR) / "testdata" / "go";

#define SKIP_WITHOUT_SHARED()                             \
  if (!fs::exists(kGo))                                   \
  GTEST_SKIP() << "shared test data not found at " << kGo \
               << " (set -DSHARED_DIR=...)"

using Counts = std::map<std::string, double>;

std::string ReadFile(const fs::path& p) {
  std::string data, error;
  EXPECT_TRUE(io::ReadWholeFile(p.string(), &data, &error)) << error;
  return data;
}

// Folds `path` with stackfold's library; counts by stack.
Counts Fold(const fs::path& path, formats::FoldOptions opt = {},
            std::string* text = nullptr) {
  std::string error;
  auto in = io::InputFile::Open(path.string(), &error);
  EXPECT_TRUE(in) << error;
  formats::InputFolder folder(opt);
  EXPECT_TRUE(folder.Add(in.get(), &error)) << error;
  std::string folded = stack::FoldedToString(folder.result());
  if (text) *text = folded;
  Counts c;
  std::istringstream lines(folded);
  std::string line;
  while (std::getline(lines, line)) {
    size_t sp = line.rfind(' ');
    c[line.substr(0, sp)] += std::stod(line.substr(sp + 1));
  }
  return c;
}

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(' ');
  size_t e = s.find_last_not_of(' ');
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

// `go tool pprof -raw`: the samples (values per type, location ids) and the
// locations (function lines, innermost first). Returns stack -> value of
// sample type `index`, stacks root first with inlined functions expanded.
Counts ParseRaw(const std::string& raw, int index) {
  std::istringstream in(raw);
  std::string line;
  std::vector<std::pair<std::vector<long long>, std::vector<int>>> samples;
  std::map<int, std::vector<std::string>> locations;
  enum { kHead, kSamples, kLocations, kTail } part = kHead;
  int current = -1;
  while (std::getline(in, line)) {
    if (line == "Samples:") {
      part = kSamples;
      std::getline(in, line);  // the type header
      continue;
    }
    if (line == "Locations") {
      part = kLocations;
      continue;
    }
    if (line == "Mappings") part = kTail;
    if (part == kSamples) {
      size_t colon = line.find(':');
      if (colon == std::string::npos || line.find('[') != std::string::npos)
        continue;  // label lines ("bytes:[16]")
      std::istringstream values(line.substr(0, colon));
      std::istringstream ids(line.substr(colon + 1));
      std::vector<long long> v;
      std::vector<int> l;
      long long x;
      while (values >> x) v.push_back(x);
      int id;
      while (ids >> id) l.push_back(id);
      samples.emplace_back(v, l);
    } else if (part == kLocations) {
      // "    92: 0x67486f M=1 main.runQuery /path/service.go:84 s=0"
      // "             main.main.func4 /path/service.go:121 s=0"
      std::istringstream f(line);
      std::string first;
      f >> first;
      std::string func;
      if (!first.empty() && first.back() == ':') {
        current = std::stoi(first);
        std::string addr, mapping;
        f >> addr >> mapping >> func;
      } else {
        func = first;
      }
      if (!func.empty()) locations[current].push_back(func);
    }
  }
  Counts c;
  for (const auto& [values, ids] : samples) {
    if (values[index] == 0) continue;
    std::vector<std::string> frames;  // leaf first
    for (int id : ids) {
      for (const std::string& fn : locations[id]) frames.push_back(fn);
    }
    std::string stack;
    for (size_t i = frames.size(); i-- > 0;) {
      stack += frames[i] + (i ? ";" : "");
    }
    c[stack] += values[index];
  }
  return c;
}

// A value as -traces prints it ("30ms", "1.50MB", "4000") in base units.
double ParseScaled(const std::string& s) {
  size_t end = 0;
  double v = std::stod(s, &end);
  std::string unit = s.substr(end);
  static const std::map<std::string, double> kScale = {
      {"", 1},        {"ns", 1},         {"us", 1e3},         {"ms", 1e6},
      {"s", 1e9},     {"mins", 60e9},    {"hrs", 3600e9},     {"B", 1},
      {"kB", 1024.0}, {"MB", 1048576.0}, {"GB", 1073741824.0}};
  auto it = kScale.find(unit);
  EXPECT_NE(it, kScale.end()) << "unit " << unit;
  return it == kScale.end() ? v : v * it->second;
}

// `go tool pprof -traces`: blocks of "VALUE   leaf" + caller lines.
Counts ParseTraces(const std::string& text) {
  std::istringstream in(text);
  std::string line;
  Counts c;
  std::vector<std::string> frames;
  double value = 0;
  auto flush = [&] {
    if (frames.empty()) return;
    std::string stack;
    for (size_t i = frames.size(); i-- > 0;) {
      stack += frames[i] + (i ? ";" : "");
    }
    c[stack] += value;
    frames.clear();
  };
  bool in_block = false;
  while (std::getline(in, line)) {
    if (line.rfind("-----------+", 0) == 0) {
      flush();
      in_block = true;
      continue;
    }
    if (!in_block || line.size() < 14) continue;
    std::string field = Trim(line.substr(0, 11));
    std::string name = Trim(line.substr(11));
    if (!field.empty() && field.back() == ':') continue;  // a label line
    if (name.size() > 9 && name.substr(name.size() - 9) == " (inline)") {
      name.resize(name.size() - 9);
    }
    if (!field.empty()) value = ParseScaled(field);
    frames.push_back(name);
  }
  flush();
  return c;
}

void ExpectClose(const Counts& ours, const Counts& want) {
  ASSERT_EQ(ours.size(), want.size());
  for (auto a = ours.begin(), b = want.begin(); a != ours.end(); ++a, ++b) {
    ASSERT_EQ(a->first, b->first);
    // -traces prints at most 3 significant digits.
    EXPECT_NEAR(a->second, b->second, 0.006 * std::abs(b->second) + 0.5)
        << a->first;
  }
}

TEST(GoProfilesTest, HeapProfilesEqualPprofRawForEverySampleIndex) {
  SKIP_WITHOUT_SHARED();
  const char* indexes[] = {"alloc_objects", "alloc_space", "inuse_objects",
                           "inuse_space"};
  int checked = 0;
  for (const char* dir : {"heap-leak", "heap-huge"}) {
    for (const char* heap : {"1.heap", "2.heap"}) {
      std::string raw =
          ReadFile(kGo / dir / (std::string(heap) + ".pprof-raw.txt"));
      for (int i = 0; i < 4; ++i) {
        formats::FoldOptions opt;
        opt.sample_index = indexes[i];
        Counts ours = Fold(kGo / dir / heap, opt);
        EXPECT_EQ(ours, ParseRaw(raw, i))
            << dir << "/" << heap << " " << indexes[i];
        ++checked;
      }
    }
  }
  EXPECT_EQ(checked, 16);
}

TEST(GoProfilesTest, DefaultHeapIndexIsInuseSpace) {
  SKIP_WITHOUT_SHARED();
  formats::FoldOptions opt;
  opt.sample_index = "inuse_space";
  EXPECT_EQ(Fold(kGo / "heap-leak" / "2.heap"),
            Fold(kGo / "heap-leak" / "2.heap", opt));
}

TEST(GoProfilesTest, InlinedFramesAreSeparateFrames) {
  SKIP_WITHOUT_SHARED();
  // main.runQuery is inlined into main.main.func4 (one location, two lines).
  formats::FoldOptions opt;
  opt.inline_marker = true;
  std::string text;
  Fold(kGo / "heap-leak" / "2.heap", opt, &text);
  EXPECT_NE(text.find(";main.main.func4;main.runQuery (inline);"),
            std::string::npos);
  Fold(kGo / "heap-leak" / "2.heap", {}, &text);
  EXPECT_NE(text.find(";main.main.func4;main.runQuery;"), std::string::npos);
}

TEST(GoProfilesTest, OtherProfileKindsEqualPprofTraces) {
  SKIP_WITHOUT_SHARED();
  int checked = 0;
  for (const auto& d : fs::directory_iterator(kGo)) {
    if (!d.is_directory()) continue;
    for (const auto& f : fs::directory_iterator(d.path())) {
      std::string n = f.path().filename().string();
      if (n.size() < 6 || n.substr(n.size() - 6) != ".pb.gz") continue;
      fs::path traces =
          d.path() / (n.substr(0, n.size() - 6) + ".pprof-traces.txt");
      if (!fs::exists(traces)) continue;
      SCOPED_TRACE(f.path().string());
      ExpectClose(Fold(f.path()), ParseTraces(ReadFile(traces)));
      ++checked;
    }
  }
  EXPECT_GE(checked, 8);  // cpu, 5 goroutine, mutex, block
}

TEST(GoProfilesTest, GoroutineDumpsCountEveryGoroutine) {
  SKIP_WITHOUT_SHARED();
  int checked = 0;
  for (const auto& d : fs::directory_iterator(kGo)) {
    if (!d.is_directory()) continue;
    fs::path dump = d.path() / "goroutine.debug2.txt";
    if (!fs::exists(dump)) continue;
    std::string text = ReadFile(dump);
    size_t headers = 0;
    for (size_t at = 0;
         (at = text.find("\ngoroutine ", at)) != std::string::npos; ++at) {
      ++headers;
    }
    if (text.rfind("goroutine ", 0) == 0) ++headers;
    double total = 0;
    Counts c = Fold(dump);
    for (const auto& [stack, n] : c) {
      total += n;
      EXPECT_EQ(stack.back(), ']') << "state as leaf frame: " << stack;
    }
    EXPECT_EQ(total, headers) << dump;
    // The aggregated debug=1 form of the same moment declares its total.
    fs::path agg = d.path() / "goroutine.debug1.txt";
    std::string head = ReadFile(agg).substr(0, 64);
    double declared = std::stod(head.substr(head.find("total ") + 6));
    double agg_total = 0;
    for (const auto& [stack, n] : Fold(agg)) agg_total += n;
    EXPECT_EQ(agg_total, declared) << agg;
    ++checked;
  }
  EXPECT_GE(checked, 5);
}

TEST(GoProfilesTest, LeakedSendersStateLeaves) {
  SKIP_WITHOUT_SHARED();
  Counts c = Fold(kGo / "leaked-senders" / "goroutine.debug2.txt");
  EXPECT_EQ(c["main.FilterService.func1;[chan send]"], 4000);
  EXPECT_EQ(c["main.forward;[chan send]"], 1000);
  formats::FoldOptions lines;
  lines.lines = true;
  c = Fold(kGo / "leaked-senders" / "goroutine.debug2.txt", lines);
  EXPECT_EQ(c["main.FilterService.func1:/go/src/gogen/pipeline/pipeline.go:66;"
              "[chan send]"],
            4000);
}

}  // namespace
