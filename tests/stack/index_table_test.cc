// The one open-addressing table, in both modes, through growth.
#include "common/stack/index_table.h"

#include <gtest/gtest.h>

#include <vector>

#include "common/stack/hash.h"

namespace {

// Interns 100,000 keys (many growths), then finds each again; keys live in
// the caller's vector, as every user of the table keeps them.
void InternAndFind(stack::IndexTable::Mode mode) {
  stack::IndexTable table(mode);
  std::vector<uint64_t> keys;
  auto eq_to = [&](uint64_t key) {
    return [&, key](uint32_t i) { return keys[i] == key; };
  };
  auto rehash = [&](uint32_t i) { return stack::MixHash(keys[i]); };
  for (uint64_t k = 0; k < 100000; ++k) {
    const uint64_t key = k * 7919;
    bool inserted = false;
    const uint32_t id = table.FindOrInsert(stack::MixHash(key),
                                           static_cast<uint32_t>(keys.size()),
                                           eq_to(key), &inserted, rehash);
    ASSERT_TRUE(inserted);
    ASSERT_EQ(id, keys.size());
    keys.push_back(key);
  }
  EXPECT_EQ(table.size(), keys.size());
  for (uint32_t i = 0; i < keys.size(); i += 997) {
    bool inserted = true;
    EXPECT_EQ(table.FindOrInsert(stack::MixHash(keys[i]), 0, eq_to(keys[i]),
                                 &inserted, rehash),
              i);
    EXPECT_FALSE(inserted);
    EXPECT_EQ(table.Find(stack::MixHash(keys[i]), eq_to(keys[i])), i);
  }
  EXPECT_EQ(table.Find(stack::MixHash(3), eq_to(3)), -1);
}

TEST(IndexTableTest, TaggedInternsAndFindsThroughGrowth) {
  InternAndFind(stack::IndexTable::kTagged);
}

TEST(IndexTableTest, CompactInternsAndFindsThroughGrowth) {
  InternAndFind(stack::IndexTable::kCompact);
}

}  // namespace
