// The legacy readers beside the heap text (pprof's legacy_profile.go):
// values, address adjustment, mappings, and the bad-line outcome.
#include <gtest/gtest.h>

#include <string>

#include "common/pprof/legacy_contention.h"
#include "common/pprof/legacy_count.h"
#include "common/pprof/legacy_cpu.h"
#include "common/pprof/legacy_profile.h"
#include "common/pprof/legacy_threadz.h"

namespace pprof {
namespace {

std::vector<int64_t> Values(const Sample& s) {
  return std::vector<int64_t>(s.values.begin(), s.values.end());
}

std::string Addresses(const Profile& p, const Sample& s) {
  std::string out;
  for (uint32_t l : s.locations) {
    char buf[32];
    std::snprintf(buf, sizeof(buf), "%s%llx", out.empty() ? "" : " ",
                  static_cast<unsigned long long>(p.locations[l].address));
    out += buf;
  }
  return out;
}

TEST(LegacyContention, ScalesDelayToNanosecondsAndCountsByPeriod) {
  Profile p;
  io::BadLineSink bad;
  std::string err;
  ASSERT_TRUE(
      ParseContention("--- contention:\n"
                      "cycles/second=2000000000\n"
                      "sampling period=2\n"
                      "ms since reset=1500\n"
                      "  4000 10 @ 0x1001 0x2001\n",
                      &p, &bad, &err))
      << err;
  EXPECT_EQ(bad.count(), 0u);
  ASSERT_EQ(p.sample_types.size(), 2u);
  EXPECT_EQ(p.sample_types[1].type, "delay");
  EXPECT_EQ(p.duration_nanos, 1500000000);
  ASSERT_EQ(p.samples.size(), 1u);
  // 10 contentions x 2; 4000 cycles x 2 at 2 GHz = 4000 ns.
  EXPECT_EQ(Values(p.samples[0]), (std::vector<int64_t>{20, 4000}));
  EXPECT_EQ(Addresses(p, p.samples[0]), "1000 2000");
  EXPECT_FALSE(p.drop_frames.empty());
}

TEST(LegacyContention, GoMutexTextIsNamedFromItsCommentLines) {
  Profile p;
  io::BadLineSink bad;
  std::string err;
  ASSERT_TRUE(ParseContention(
      "--- mutex:\ncycles/second=1000000000\nsampling period=1\n"
      "500 3 @ 0x4b3f5c 0x4b3fe5\n"
      "#\t0x4b3f5b\tsync.(*Mutex).Unlock+0x7b\tsync/mutex.go:223\n"
      "#\t0x4b3fe4\tmain.contend+0x64\tcontention/main.go:27\n\n",
      &p, &bad, &err));
  ASSERT_EQ(p.samples.size(), 1u);
  EXPECT_EQ(Values(p.samples[0]), (std::vector<int64_t>{3, 500}));
  ASSERT_EQ(p.samples[0].locations.size(), 2u);
  const Location& leaf = p.locations[p.samples[0].locations[0]];
  ASSERT_EQ(leaf.lines.size(), 1u);
  EXPECT_EQ(p.functions[leaf.lines[0].function].name, "sync.(*Mutex).Unlock");
  EXPECT_EQ(leaf.lines[0].line, 223);
}

TEST(LegacyContention, UnknownAttributeIsABadLineNotARefusal) {
  Profile p;
  io::BadLineSink bad;
  std::string err;
  ASSERT_TRUE(ParseContention("--- contention:\nformat=java\n1 1 @ 0x11\n", &p,
                              &bad, &err));
  EXPECT_EQ(bad.first(), ":2: unknown contention attribute");
  EXPECT_EQ(p.samples.size(), 1u);
  EXPECT_FALSE(ParseContention("hello\n", &p, &bad, &err));
  EXPECT_EQ(err,
            "line 1: not a contention profile header (\"--- contention:\")");
}

TEST(LegacyCount, AddressOnlyRecordsKeepTheirOwnValues) {
  Profile p;
  io::BadLineSink bad;
  std::string err;
  ASSERT_TRUE(
      ParseLegacyCount("threadcreate profile: total 5\n"
                       "4 @ 0x11 0x21\n"
                       "1 @ 0x31 0x21\n",
                       &p, &bad, &err));
  ASSERT_EQ(p.sample_types.size(), 1u);
  EXPECT_EQ(p.sample_types[0].type, "threadcreate");
  ASSERT_EQ(p.samples.size(), 2u);
  EXPECT_EQ(p.samples[0].values[0], 4);
  EXPECT_EQ(Addresses(p, p.samples[0]), "10 20");
  EXPECT_EQ(p.samples[1].values[0], 1);
  EXPECT_EQ(Addresses(p, p.samples[1]), "30 20");
  // No maps: one fake mapping covers every address, as pprof.
  ASSERT_EQ(p.mappings.size(), 1u);
  EXPECT_EQ(p.locations[0].mapping, 0);
  EXPECT_FALSE(LegacyCountNamesFrames("goroutine profile: total 1\n1 @ 0x1\n"));
  EXPECT_TRUE(LegacyCountNamesFrames("1 @ 0x2\n#\t0x1\tmain.f+0x1\ta.go:1\n"));
}

TEST(LegacyThreadz, SameAsPreviousCountsAndTheLeafIsNotAdjusted) {
  Profile p;
  io::BadLineSink bad;
  std::string err;
  ASSERT_TRUE(ParseThreadz(
      "--- threadz 1 ---\n\n"
      "--- Thread 7f01 (name: a/1) stack: ---\n  PC: 0x100 0x201 0x301\n"
      "--- Thread 7f02 (name: a/2) stack: ---\n  same as previous thread\n"
      "--- Thread 7f03 (name: b/3) stack: ---\n  PC: 0x500 0x500 0x301\n"
      "--- Memory map: ---\n"
      "00000000-00001000 r-xp 00000000 08:01 1 /bin/app\n",
      &p, &bad, &err))
      << err;
  EXPECT_EQ(bad.count(), 0u);
  ASSERT_EQ(p.samples.size(), 2u);
  EXPECT_EQ(p.samples[0].values[0], 2);
  EXPECT_EQ(Addresses(p, p.samples[0]), "100 200 300");
  // The leaf recorded twice (0x500, then 0x500 - 1) keeps one.
  EXPECT_EQ(Addresses(p, p.samples[1]), "500 300");
  ASSERT_EQ(p.mappings.size(), 1u);
  EXPECT_EQ(p.mappings[0].file, "/bin/app");
  EXPECT_EQ(p.MainBinary(), "app");
}

// Words of a legacy CPU profile, 32-bit big-endian.
std::string Words32BE(std::initializer_list<uint32_t> words) {
  std::string out;
  for (uint32_t w : words) {
    for (int i = 3; i >= 0; --i) out.push_back(static_cast<char>(w >> (8 * i)));
  }
  return out;
}

TEST(LegacyCpu, ReadsAnyWordLayoutStripsTheHandlerFrameAndReadsMaps) {
  const std::string data =
      Words32BE({0, 3, 0, 5000, 0,           // header: 5000 us
                 7, 3, 0x100, 0x900, 0x301,  // 7 x [0x100, handler, 0x301]
                 2, 3, 0x110, 0x900, 0x401,  // the handler twice
                 0, 1, 0}) +                 // end
      "00000000-00001000 r-xp 00000000 08:01 1 /bin/app\n"
      "00001000-00002000 rw-p 00001000 08:01 1 /bin/app\n";
  ASSERT_TRUE(LooksLikeLegacyCpu(data));
  EXPECT_EQ(DetectLegacyFormat(data), LegacyFormat::kCpu);
  Profile p;
  io::BadLineSink bad;
  std::string err;
  ASSERT_TRUE(ParseLegacyCpu(data, &p, &bad, &err)) << err;
  EXPECT_EQ(p.period, 5000000);
  ASSERT_EQ(p.samples.size(), 2u);
  EXPECT_EQ(Values(p.samples[0]), (std::vector<int64_t>{7, 35000000}));
  EXPECT_EQ(Addresses(p, p.samples[0]), "100 300");
  EXPECT_EQ(Addresses(p, p.samples[1]), "110 400");
  ASSERT_EQ(p.mappings.size(), 1u);  // the rw-p line is not executable
  EXPECT_EQ(p.locations[p.samples[0].locations[0]].mapping, 0);
}

TEST(LegacyCpu, CutOffRecordIsReportedAndJavaNamed) {
  Profile p;
  io::BadLineSink bad;
  std::string err;
  ASSERT_TRUE(ParseLegacyCpu(Words32BE({0, 3, 0, 100, 0, 1, 9, 0x100}), &p,
                             &bad, &err));
  EXPECT_EQ(bad.count(), 1u);
  EXPECT_FALSE(ParseLegacyCpu(Words32BE({0, 3, 1, 100, 0}), &p, &bad, &err));
  EXPECT_EQ(err, "a Java legacy CPU profile: not supported");
}

TEST(LegacyHeapMaps, MappedLibrariesNameMappingsMainBinaryFirst) {
  Profile p;
  io::BadLineSink bad;
  std::string err;
  MemStats ms;
  ASSERT_TRUE(ParseLegacyProfile(
      LegacyFormat::kHeap,
      "heap profile: 1: 64 [1: 64] @ heapprofile\n"
      "1: 64 [1: 64] @ 0x7f0000000011 0x401001\n\n"
      "MAPPED_LIBRARIES:\n"
      "7f0000000000-7f0000100000 r-xp 00000000 08:01 2 /lib/libc.so.6\n"
      "00400000-00402000 r-xp 00000000 08:01 1 /usr/bin/srv\n"
      "00402000-00403000 r-xp 00002000 08:01 1 /usr/bin/srv\n",
      &p, &ms, &bad, &err))
      << err;
  EXPECT_EQ(bad.count(), 0u);
  ASSERT_EQ(p.mappings.size(), 2u);
  EXPECT_EQ(p.mappings[0].file, "/usr/bin/srv");  // moved first
  EXPECT_EQ(p.mappings[0].limit, 0x403000u);      // adjacent ones merged
  ASSERT_EQ(p.samples.size(), 1u);
  EXPECT_EQ(p.locations[p.samples[0].locations[0]].mapping, 1);
  EXPECT_EQ(p.locations[p.samples[0].locations[1]].mapping, 0);
}

TEST(LegacyHeapGrowth, GrowthzIsExactObjectsAndSpace) {
  Profile p;
  io::BadLineSink bad;
  std::string err;
  MemStats ms;
  ASSERT_TRUE(ParseLegacyProfile(LegacyFormat::kHeap,
                                 "heap profile: 2: 2048 [0: 0] @ growthz\n"
                                 "2: 2048 [0: 0] @ 0x11\n",
                                 &p, &ms, &bad, &err))
      << err;
  ASSERT_EQ(p.sample_types.size(), 2u);
  EXPECT_EQ(p.sample_types[1].type, "space");
  EXPECT_EQ(p.period, 1);
  ASSERT_EQ(p.samples.size(), 1u);
  EXPECT_EQ(Values(p.samples[0]), (std::vector<int64_t>{2, 2048}));
  // fragmentationz reads the same way.
  ASSERT_TRUE(ParseLegacyProfile(LegacyFormat::kHeap,
                                 "heap profile: 1: 64 [0: 0] @ fragmentationz\n"
                                 "1: 64 [0: 0] @ 0x11\n",
                                 &p, &ms, &bad, &err))
      << err;
  EXPECT_EQ(p.sample_types.size(), 2u);
  EXPECT_EQ(p.period, 1);
  EXPECT_EQ(bad.count(), 0u);
}

TEST(LegacyProfile, DetectsEachFormatInPprofsOrder) {
  EXPECT_EQ(DetectLegacyFormat("heap profile: 1: 1 [1: 1] @ heap/2\n"),
            LegacyFormat::kHeap);
  EXPECT_EQ(DetectLegacyFormat("\n# c\ngoroutine profile: total 3\n"),
            LegacyFormat::kCount);
  EXPECT_EQ(DetectLegacyFormat("--- threadz 1 ---\n"), LegacyFormat::kThreadz);
  EXPECT_EQ(DetectLegacyFormat("--- Thread 7f (name: x/1) stack: ---\n"),
            LegacyFormat::kThreadz);
  EXPECT_EQ(DetectLegacyFormat("--- contention:\n"), LegacyFormat::kContention);
  EXPECT_EQ(DetectLegacyFormat("--- mutex:\n"), LegacyFormat::kContention);
  EXPECT_EQ(DetectLegacyFormat("goroutine 1 [running]:\n"),
            LegacyFormat::kNone);
  EXPECT_EQ(DetectLegacyFormat("--- threadzz ---\n"), LegacyFormat::kNone);
}

}  // namespace
}  // namespace pprof
