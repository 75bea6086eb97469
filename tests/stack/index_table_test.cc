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

namespace {

// Hashes that differ only above bit 32 (ids shifted left, a weak hash): each
// would share slot and tag if only the low bits placed a key.
TEST(IndexTableTest, HashesThatDifferOnlyInHighBitsSpread) {
  stack::IndexTable table;
  for (uint32_t k = 0; k < 4096; ++k) {
    bool inserted = false;
    table.FindOrInsert(
        uint64_t{k} << 32, k, [](uint32_t) { return false; }, &inserted);
    ASSERT_TRUE(inserted);
  }
  EXPECT_LT(table.longest_probe(), 64u);
}

// Equal hashes (what a keyed hash makes infeasible to build): every key is
// still found, and the probe-length guard grows the table only up to its
// limit, so memory stays bounded.
TEST(IndexTableTest, GuardGrowsABoundedAmountOnEqualHashes) {
  stack::IndexTable table;
  std::vector<uint32_t> keys;
  auto eq_to = [&](uint32_t key) {
    return [&, key](uint32_t i) { return keys[i] == key; };
  };
  const uint32_t n = 2000;
  for (uint32_t k = 0; k < n; ++k) {
    bool inserted = false;
    ASSERT_EQ(table.FindOrInsert(42, k, eq_to(k), &inserted), k);
    ASSERT_TRUE(inserted);
    keys.push_back(k);
  }
  EXPECT_EQ(table.longest_probe(), n - 1);
  EXPECT_GT(table.capacity(), 4096u);  // the guard grew it
  EXPECT_LE(table.capacity(), stack::IndexTable::kGuardLimit * n);
  for (uint32_t k = 0; k < n; k += 97) {
    EXPECT_EQ(table.Find(42, eq_to(k)), k);
  }
}

// Ordinary keys never trip the guard: the table keeps the size its load
// needs (300,000 keys fit 2^19 slots at three quarters; the load alone would
// double it at 393,216).
TEST(IndexTableTest, GuardLeavesOrdinaryKeysAlone) {
  stack::IndexTable table;
  for (uint32_t k = 0; k < 300000; ++k) {
    bool inserted = false;
    table.FindOrInsert(
        stack::MixHash(k), k, [](uint32_t) { return false; }, &inserted);
  }
  EXPECT_EQ(table.capacity(), 1u << 19);
  EXPECT_LT(table.longest_probe(), stack::IndexTable::kLongProbe);
}

}  // namespace
