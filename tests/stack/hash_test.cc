// The tables' hash is keyed: names built to collide under a public hash
// spread out under it. The colour hash is stable: same value every run.
#include "common/stack/hash.h"

#include <gtest/gtest.h>

#include <cstring>
#include <set>
#include <string>
#include <vector>

namespace {

// Inverse of StableHash's per-word step, so a test can build names that
// all collide under it (the flood of issue 17): every name is 16 bytes,
// the first word free, the second chosen to bring the state to `target`.
std::vector<std::string> CollidingNames(size_t count) {
  std::vector<std::string> names;
  const uint64_t target = 0x1234567890abcdefULL;
  for (uint64_t i = 1; names.size() < count; ++i) {
    uint64_t w1 = 0x4141414141414141ULL + i;  // printable-ish, distinct
    uint64_t h = 0x9e3779b97f4a7c15ULL * 17;  // seed 0, 16 bytes
    h = (h ^ w1) * 0xbf58476d1ce4e5b9ULL;
    h ^= h >> 29;
    // The second step maps (h ^ w2) to the state; aim h ^ w2 at target.
    const uint64_t w2 = h ^ target;
    std::string name(16, '\0');
    std::memcpy(name.data(), &w1, 8);
    std::memcpy(name.data() + 8, &w2, 8);
    if (name.find_first_of(std::string("\n; \0", 4)) != std::string::npos) {
      continue;  // keep names a folded line can carry
    }
    names.push_back(name);
  }
  return names;
}

TEST(HashTest, CraftedCollisionsOfThePublicHashSpreadUnderTheKeyedOne) {
  const std::vector<std::string> names = CollidingNames(2000);
  std::set<uint64_t> stable, keyed, slots;
  for (const std::string& n : names) {
    stable.insert(stack::StableHash(n, 0));
    keyed.insert(stack::HashString(n));
    slots.insert(stack::HashString(n) & 4095);  // a 4096-slot table
  }
  EXPECT_EQ(stable.size(), 1u);  // the attack works on the public hash
  EXPECT_EQ(keyed.size(), names.size());
  EXPECT_GT(slots.size(), 1000u);  // ~1600 expected for random keys
}

TEST(HashTest, MixHashSpreadsMultiplesOfATableSize) {
  // Ids that are multiples of a power of two all land in one slot when
  // hashed to themselves.
  std::set<uint64_t> slots;
  for (uint64_t id = 1; id <= 4096; ++id) {
    slots.insert(stack::MixHash(id << 20) & 4095);
  }
  EXPECT_GT(slots.size(), 2400u);  // ~2589 for random keys
}

TEST(HashTest, StableHashIsTheSameEveryRun) {
  // Frame colours depend on it: fixed values, not the process key.
  EXPECT_EQ(stack::StableHash("main.main", 0x666c616d65ULL),
            stack::StableHash("main.main", 0x666c616d65ULL));
  EXPECT_EQ(stack::StableHash("", 0), 1728126539969246250ULL);
}

TEST(HashTest, SeedChainsFields) {
  EXPECT_NE(stack::HashString("ab", stack::HashString("c")),
            stack::HashString("a", stack::HashString("bc")));
  EXPECT_EQ(stack::HashString("abc"), stack::HashString("abc"));
}

}  // namespace
