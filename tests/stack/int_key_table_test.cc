// IntKeyTable: 64-bit keys kept in the slots, through growth and release.
#include "common/stack/int_key_table.h"

#include <gtest/gtest.h>

#include <cstdint>

namespace {

TEST(IntKeyTableTest, InsertsFindsAndKeepsIndexesThroughGrowth) {
  stack::IntKeyTable table;
  auto key = [](uint32_t i) {
    return static_cast<uint64_t>(i * 7919u) << 32 | (i % 8332);
  };
  for (uint32_t i = 0; i < 200000; ++i) {
    bool inserted = false;
    ASSERT_EQ(table.FindOrInsert(key(i), i, &inserted), i);
    ASSERT_TRUE(inserted);
  }
  EXPECT_EQ(table.size(), 200000u);
  for (uint32_t i = 0; i < 200000; i += 331) {
    bool inserted = true;
    const uint64_t k = key(i);
    EXPECT_EQ(
        table.FindOrInsert(k, stack::IntKeyTable::Hash(k), 999999, &inserted),
        i);
    EXPECT_FALSE(inserted);
    EXPECT_EQ(table.Find(k), i);
  }
  EXPECT_EQ(table.Find(key(200001)), -1);
  // Keys that differ only in one half are different keys.
  EXPECT_EQ(table.Find(uint64_t{0} << 32 | 1), -1);
  table.Release();
  EXPECT_EQ(table.size(), 0u);
  EXPECT_EQ(table.Find(key(5)), -1);
}

}  // namespace
