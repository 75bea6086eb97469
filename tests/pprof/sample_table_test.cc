// The flat sample storage: views per sample, interned label sets, and the
// in-place edits drop_frames and the name filters make.
#include "common/pprof/sample_table.h"

#include <gtest/gtest.h>

#include <vector>

namespace pprof {
namespace {

std::vector<uint32_t> Locs(const SampleTable& t, size_t i) {
  std::span<const uint32_t> l = t.locations(i);
  return std::vector<uint32_t>(l.begin(), l.end());
}

std::vector<int64_t> Values(const SampleTable& t, size_t i) {
  std::span<const int64_t> v = t.values(i);
  return std::vector<int64_t>(v.begin(), v.end());
}

Label Bytes(int64_t n) {
  Label l;
  l.key = "bytes";
  l.is_num = true;
  l.num = n;
  return l;
}

TEST(SampleTable, HoldsEachSamplesLocationsValuesAndLabels) {
  SampleTable t(2);
  const Label size96[] = {Bytes(96)};
  t.Add(std::vector<uint32_t>{3, 2, 1}, std::vector<int64_t>{1, 96}, size96);
  t.Add(std::vector<uint32_t>{}, std::vector<int64_t>{5});  // short: 0-filled
  t.Add(std::vector<uint32_t>{7}, std::vector<int64_t>{2, 192, 9}, size96);
  ASSERT_EQ(t.size(), 3u);
  EXPECT_EQ(Locs(t, 0), (std::vector<uint32_t>{3, 2, 1}));
  EXPECT_TRUE(Locs(t, 1).empty());
  EXPECT_EQ(Values(t, 1), (std::vector<int64_t>{5, 0}));
  EXPECT_EQ(Values(t, 2), (std::vector<int64_t>{2, 192}));  // extra ignored
  // The same labels are one set; no labels is set 0.
  EXPECT_EQ(t.label_set(0), t.label_set(2));
  EXPECT_EQ(t.label_set(1), SampleTable::kNoLabels);
  EXPECT_EQ(t.num_label_sets(), 2u);
  ASSERT_EQ(t[2].labels.size(), 1u);
  EXPECT_EQ(t[2].labels[0].num, 96);
  EXPECT_TRUE(t[1].labels.empty());
  t.mutable_values(0)[1] = 100;
  size_t seen = 0;
  for (const Sample s : t) seen += s.values.size();
  EXPECT_EQ(seen, 6u);
  EXPECT_EQ(t[0].values[1], 100);
}

TEST(SampleTable, WidthComesFromTheFirstSampleWhenUnset) {
  SampleTable t;
  t.Add(std::vector<uint32_t>{1}, std::vector<int64_t>{4, 5, 6});
  EXPECT_EQ(t.width(), 3u);
  t.Clear(1);
  EXPECT_TRUE(t.empty());
  EXPECT_EQ(t.num_label_sets(), 1u);  // only the empty set
}

TEST(SampleTable, RewriteShrinksAndDropsInPlace) {
  SampleTable t(1);
  const Label a[] = {Bytes(1)}, b[] = {Bytes(2)};
  t.Add(std::vector<uint32_t>{1, 2, 3}, std::vector<int64_t>{10}, a);
  t.Add(std::vector<uint32_t>{4, 5}, std::vector<int64_t>{20}, b);
  t.Add(std::vector<uint32_t>{6, 7, 8, 9}, std::vector<int64_t>{30}, a);
  // Drop sample 1, cut sample 2 to its last two locations, and try to grow
  // sample 0 (edits only remove: the extra location is not kept).
  t.Rewrite([](size_t i, std::vector<uint32_t>* locs) {
    if (i == 1) return false;
    if (i == 2) locs->erase(locs->begin(), locs->begin() + 2);
    if (i == 0) locs->push_back(99);
    return true;
  });
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(Locs(t, 0), (std::vector<uint32_t>{1, 2, 3}));
  EXPECT_EQ(Locs(t, 1), (std::vector<uint32_t>{8, 9}));
  EXPECT_EQ(Values(t, 1), (std::vector<int64_t>{30}));
  EXPECT_EQ(t[1].labels[0].num, 1);
  EXPECT_EQ(t.num_locations(), 5u);
  t.Truncate(1);
  EXPECT_EQ(t.size(), 1u);
  EXPECT_EQ(t.num_locations(), 3u);
}

}  // namespace
}  // namespace pprof
