// The frame tree resolves queued stacks a depth at a time; whatever the
// batch boundaries, it must be the tree that adding one stack at a time
// builds: the same paths with the same self counts, children after their
// parent, and siblings in the order the input first names them.
#include "common/flame/frame_tree.h"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <string>
#include <vector>

namespace flame {
namespace {

std::vector<std::string> RandomStacks(int n, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<std::string> out;
  for (int i = 0; i < n; ++i) {
    const int depth = 1 + static_cast<int>(rng() % (i % 50 == 0 ? 300 : 9));
    std::string s;
    for (int d = 0; d < depth; ++d) {
      if (d > 0) s.push_back(';');
      s += "f" + std::to_string(rng() % (d < 3 ? 3 : 6));
    }
    out.push_back(s);
    if (rng() % 4 == 0) out.push_back(s);            // a repeat
    if (rng() % 4 == 0) out.push_back(s + ";leaf");  // a longer one
    if (rng() % 8 == 0) out.push_back(s.substr(0, s.size() / 2));
  }
  return out;
}

void ExpectOneAtATimeTree(const std::vector<std::string>& stacks,
                          TreeOptions options) {
  FrameTree tree(options);
  std::map<std::string, double> want;  // path -> self count
  for (size_t i = 0; i < stacks.size(); ++i) {
    tree.AddStack(stacks[i], 0, static_cast<double>(i + 1));
  }
  const auto& nodes = tree.nodes();
  std::map<std::string, double> got;
  std::map<uint32_t, std::vector<std::string>> siblings;  // parent -> names
  for (uint32_t i = 1; i < nodes.size(); ++i) {
    ASSERT_LT(nodes[i].parent, i);
    if (nodes[i].after != 0) got[tree.Path(i)] += nodes[i].after;
    siblings[nodes[i].parent].push_back(std::string(tree.Name(i)));
  }
  if (options.flamechart) return;  // a chart does not merge: no map to match
  for (size_t i = 0; i < stacks.size(); ++i) {
    std::string path = stacks[i];
    if (options.reverse) {
      std::vector<std::string> frames;
      size_t pos = 0;
      for (;;) {
        const size_t semi = path.find(';', pos);
        frames.push_back(path.substr(pos, semi - pos));
        if (semi == std::string::npos) break;
        pos = semi + 1;
      }
      path.clear();
      for (size_t k = frames.size(); k-- > 0;) {
        path += frames[k];
        if (k > 0) path.push_back(';');
      }
    }
    want[path] += static_cast<double>(i + 1);
  }
  EXPECT_EQ(got, want);
  // Siblings: first appearance order in the input, no name twice.
  for (const auto& [parent, names] : siblings) {
    std::map<std::string, int> seen;
    for (const std::string& n : names) EXPECT_EQ(seen[n]++, 0) << n;
  }
}

TEST(FrameTreeTest, BatchedTreeEqualsTheOneStackAtATimeTree) {
  for (size_t direct : {size_t{0}, size_t{2000}, TreeOptions().direct_nodes}) {
    SCOPED_TRACE(direct);
    ExpectOneAtATimeTree(RandomStacks(3000, 1), {.direct_nodes = direct});
    ExpectOneAtATimeTree(RandomStacks(3000, 2),
                         {.reverse = true, .direct_nodes = direct});
    ExpectOneAtATimeTree(RandomStacks(500, 3),
                         {.flamechart = true, .direct_nodes = direct});
  }
}

TEST(FrameTreeTest, SiblingsAreCreatedInInputOrderAcrossBatches) {
  // 100 stacks, each a new child of "root" after a deep shared prefix: the
  // children must get increasing ids in input order.
  FrameTree tree({.direct_nodes = 0});
  std::string prefix = "root";
  for (int d = 0; d < 40; ++d) prefix += ";p" + std::to_string(d);
  for (int i = 0; i < 100; ++i) {
    tree.AddStack(prefix + ";c" + std::to_string(i) + ";x", 0, 1);
  }
  std::vector<std::string> children;
  const auto& nodes = tree.nodes();
  for (uint32_t i = 1; i < nodes.size(); ++i) {
    const std::string_view name = tree.Name(i);
    if (name.size() > 1 && name[0] == 'c')
      children.push_back(std::string(name));
  }
  ASSERT_EQ(children.size(), 100u);
  for (int i = 0; i < 100; ++i) EXPECT_EQ(children[i], "c" + std::to_string(i));
  EXPECT_EQ(nodes.size(), 1u + 41u + 200u);
}

}  // namespace
}  // namespace flame
