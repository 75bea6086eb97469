#include "common/perf/sample_header.h"

#include <gtest/gtest.h>

namespace {

using perf::ParseSampleHeader;
using perf::SampleHeader;

TEST(SampleHeaderTest, DefaultFormWithPeriod) {
  SampleHeader h;
  ASSERT_TRUE(ParseSampleHeader(
      "perfgen 11140   412.762638:    2004008 cpu-clock:pppH: ", &h));
  EXPECT_EQ(h.comm, "perfgen");
  EXPECT_EQ(h.pid, "");
  EXPECT_EQ(h.tid, "11140");
  EXPECT_EQ(h.period, 2004008);
  EXPECT_EQ(h.event, "cpu-clock:pppH");
  EXPECT_EQ(h.rest, "");
}

TEST(SampleHeaderTest, CpuColumnAndPidTid) {
  SampleHeader h;
  ASSERT_TRUE(ParseSampleHeader(
      "worker-3 14028/14037 [000]   510.416012:    3344481 cpu-clock:pppH: ",
      &h));
  EXPECT_EQ(h.comm, "worker-3");
  EXPECT_EQ(h.pid, "14028");
  EXPECT_EQ(h.tid, "14037");
  EXPECT_EQ(h.period, 3344481);
}

TEST(SampleHeaderTest, CommWithSpacesEndingInANumber) {
  SampleHeader h;
  ASSERT_TRUE(ParseSampleHeader(
      "pool worker 1 14028/14035 [000]   510.395644: cpu-clock:pppH: ", &h));
  EXPECT_EQ(h.comm, "pool worker 1");
  EXPECT_EQ(h.pid, "14028");
  EXPECT_EQ(h.tid, "14035");
  EXPECT_EQ(h.period, 0);
  ASSERT_TRUE(ParseSampleHeader(
      "pool worker 4 14035 [001]   510.395644:    3344481 cpu-clock:pppH: ",
      &h));
  EXPECT_EQ(h.comm, "pool worker 4");
  EXPECT_EQ(h.tid, "14035");
  EXPECT_EQ(h.period, 3344481);
}

TEST(SampleHeaderTest, TracepointPayloadAfterEvent) {
  SampleHeader h;
  ASSERT_TRUE(ParseSampleHeader(
      "perfgen 32557 [000]  1595.611755: syscalls:sys_enter_munmap: addr: "
      "0x7f86778e8000, len: 0x0000a1d7",
      &h));
  EXPECT_EQ(h.event, "syscalls:sys_enter_munmap");
  EXPECT_EQ(h.rest, "addr: 0x7f86778e8000, len: 0x0000a1d7");
  EXPECT_EQ(h.period, 0);
}

TEST(SampleHeaderTest, EventWithTermAndRightAlignedNames) {
  SampleHeader h;
  ASSERT_TRUE(ParseSampleHeader(
      "perfgen 32557  1595.612456:    2004008       cpu-clock/freq=499/: ",
      &h));
  EXPECT_EQ(h.event, "cpu-clock/freq=499/");
  ASSERT_TRUE(ParseSampleHeader(
      "perfgen 11612   430.780228:          1 context-switches: ", &h));
  EXPECT_EQ(h.event, "context-switches");
  EXPECT_EQ(h.period, 1);
}

TEST(SampleHeaderTest, OneLineSampleKeepsItsFrame) {
  SampleHeader h;
  ASSERT_TRUE(ParseSampleHeader(
      "       mixed-sys 14275   526.029746:    5025125 cpu-clock:pppH:  "
      "ffffffff8168a871 get_mem_cgroup_from_mm+0x31 ([kernel.kallsyms])",
      &h));
  EXPECT_EQ(h.comm, "mixed-sys");
  EXPECT_EQ(h.rest,
            "ffffffff8168a871 get_mem_cgroup_from_mm+0x31 ([kernel.kallsyms])");
}

TEST(SampleHeaderTest, OldFormsWithoutTime) {
  SampleHeader h;
  ASSERT_TRUE(ParseSampleHeader("java 19983 cycles:", &h));
  EXPECT_EQ(h.comm, "java");
  EXPECT_EQ(h.event, "cycles");
  ASSERT_TRUE(ParseSampleHeader(
      "emulator  4152 75695.008865:          1 cycles:u: ", &h));
  EXPECT_EQ(h.comm, "emulator");
  EXPECT_EQ(h.event, "cycles:u");
}

TEST(SampleHeaderTest, RejectsFramesAndGarbage) {
  SampleHeader h;
  EXPECT_FALSE(ParseSampleHeader(
      "\t            2e56 c_leaf_spin+0x26 (/opt/perfgen/perfgen)", &h));
  EXPECT_FALSE(ParseSampleHeader(
      "ffffffff8103d0ca native_write_msr_safe ([kernel.kallsyms])", &h));
  EXPECT_FALSE(ParseSampleHeader("", &h));
  EXPECT_FALSE(ParseSampleHeader("just some words", &h));
  EXPECT_FALSE(ParseSampleHeader("comm 123 [abc] x", &h));
}

}  // namespace
