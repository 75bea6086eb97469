// Our clusters against panicparse -aggressive (the reference outputs beside
// each shared dump, `*.panicparse-aggressive.txt`): the same multiset of
// (count, state, creator site) buckets, for every dump it was run on.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <tuple>
#include <vector>

#include "common/io/input_file.h"
#include "tests/goroutine/fixture_util.h"

namespace goroutine {
namespace {

using goroutine_test::Base;
using goroutine_test::Exists;
using goroutine_test::GoData;
using goroutine_test::Load;

using Bucket = std::tuple<uint64_t, std::string, std::string>;

// "4000: chan send [Created by main.FilterService @ pipeline.go:61]" ->
// (4000, "chan send", "main.FilterService @ pipeline.go:61"). panicparse
// prints wait times as "[0~2 minutes]" and creators with the last package
// path element only ("http.(*Server).Serve").
std::vector<Bucket> ReadPanicparse(const std::string& path) {
  std::string text, error;
  EXPECT_TRUE(io::ReadWholeFile(path, &text, &error)) << error;
  std::vector<Bucket> out;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string::npos) nl = text.size();
    std::string line = text.substr(pos, nl - pos);
    pos = nl + 1;
    size_t colon = line.find(": ");
    if (line.empty() || line[0] < '0' || line[0] > '9' ||
        colon == std::string::npos) {
      continue;
    }
    uint64_t count = std::stoull(line.substr(0, colon));
    std::string rest = line.substr(colon + 2);
    std::string creator;
    size_t created = rest.find(" [Created by ");
    if (created != std::string::npos) {
      creator = rest.substr(created + 13);
      creator = creator.substr(0, creator.rfind(']'));
      rest = rest.substr(0, created);
    }
    size_t wait = rest.find(" [");
    if (wait != std::string::npos) rest = rest.substr(0, wait);
    out.emplace_back(count, rest, creator);
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<Bucket> Ours(const Analysis& a) {
  std::vector<Bucket> out;
  const ClusterSet& set = *a.now.clusters;
  for (const ClusterEntry& e : a.entries) {
    const Cluster& c = e.cluster();
    std::string creator;
    if (c.has_creator) {
      std::string_view f = set.Name(c.creator.func);
      size_t slash = f.rfind('/');
      if (slash != std::string_view::npos) f = f.substr(slash + 1);
      creator = std::string(f) + " @ " + Base(set.Name(c.creator.file)) + ":" +
                std::to_string(c.creator.line);
    }
    out.emplace_back(c.count, std::string(set.Name(c.state)), creator);
  }
  std::sort(out.begin(), out.end());
  return out;
}

class PanicparseTest : public testing::TestWithParam<const char*> {};

TEST_P(PanicparseTest, SameBucketsAsAggressiveMode) {
  std::string stem = GoData(GetParam());
  std::string input = stem + ".txt";
  if (!Exists(input)) input += ".gz";
  std::string reference = stem + ".panicparse-aggressive.txt";
  if (!Exists(input) || !Exists(reference)) {
    GTEST_SKIP() << stem << " not found (SHARED_DIR)";
  }
  auto l = Load({input});
  std::vector<Bucket> ours = Ours(l->a), theirs = ReadPanicparse(reference);
  ASSERT_FALSE(theirs.empty());
  EXPECT_EQ(ours, theirs);
}

INSTANTIATE_TEST_SUITE_P(
    SharedDumps, PanicparseTest,
    testing::Values(
        "chan-receive-noclose/goroutine.debug2",
        "leaked-senders/goroutine.debug2", "leaked-senders/sigquit.stderr",
        "lock-order-deadlock/goroutine.debug2", "long-wait/goroutine.debug2",
        "long-wait/sigquit.stderr", "nil-chan-select/goroutine.debug2",
        "panic-crash/panic.stderr", "scale/goroutines-100k.debug2"));

}  // namespace
}  // namespace goroutine
