// The frame tree's storage helpers: PodArray grows without losing values,
// and NameCache always answers SymbolTable's id, even when names collide
// in its slots.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "common/flame/name_cache.h"
#include "common/flame/pod_array.h"

namespace flame {
namespace {

struct Item {
  uint32_t a;
  double b;
};

TEST(PodArrayTest, GrowsByRemappingAndKeepsEveryValue) {
  PodArray<Item> items;
  EXPECT_TRUE(items.empty());
  for (uint32_t i = 0; i < 300000; ++i) items.push_back(Item{i, i * 0.5});
  ASSERT_EQ(items.size(), 300000u);
  for (uint32_t i = 0; i < 300000; i += 997) {
    EXPECT_EQ(items[i].a, i);
    EXPECT_EQ(items[i].b, i * 0.5);
  }
  items[7].a = 42;
  EXPECT_EQ(items[7].a, 42u);
}

TEST(NameCacheTest, AlwaysTheSymbolTablesId) {
  stack::SymbolTable symbols;
  NameCache cache;
  std::vector<std::string> names;
  // 50 names that differ in one digit, over more rounds than the cache
  // needs (any that share a slot evict each other): every answer is the
  // table's.
  for (int i = 0; i < 50; ++i) {
    names.push_back("github.com/x/" + std::to_string(1000 + i) + "/pkg.F");
  }
  names.push_back("");
  names.push_back("short");
  for (int round = 0; round < 3; ++round) {
    for (const std::string& n : names) {
      const uint32_t id = cache.Intern(n, &symbols);
      ASSERT_EQ(symbols.Name(id), n);
      ASSERT_EQ(symbols.Find(n), id);
    }
  }
  EXPECT_EQ(symbols.size(), names.size());
}

}  // namespace
}  // namespace flame
