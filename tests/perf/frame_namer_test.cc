#include "common/perf/frame_namer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

std::vector<std::string> Name(std::string_view line,
                              perf::CollapseOptions opt = {},
                              bool java = false) {
  perf::FrameLine f;
  EXPECT_TRUE(perf::ParseFrameLine(line, &f)) << line;
  std::vector<std::string> names;
  perf::NameFrame(f, java, opt, &names);
  return names;
}

using V = std::vector<std::string>;

TEST(FrameLineTest, SplitsAddressSymbolDso) {
  perf::FrameLine f;
  ASSERT_TRUE(perf::ParseFrameLine(
      "\t    7f78967c5bec JS:*fib /src/work.js:9:13+0x6c (/tmp/perf-1.map)",
      &f));
  EXPECT_EQ(f.pc, "7f78967c5bec");
  EXPECT_EQ(f.symbol, "JS:*fib /src/work.js:9:13+0x6c");
  EXPECT_EQ(f.dso, "/tmp/perf-1.map");
  ASSERT_TRUE(perf::ParseFrameLine("\tffffffff8168a871 get_mem_cgroup", &f));
  EXPECT_FALSE(f.has_dso);
  EXPECT_EQ(f.symbol, "get_mem_cgroup");
  EXPECT_FALSE(perf::ParseFrameLine("  perfgen.cpp:260", &f));
}

TEST(FrameNamerTest, StripsOffsetsAndArguments) {
  EXPECT_EQ(Name("\t2e56 c_leaf_spin+0x26 (/opt/perfgen/perfgen)"),
            V{"c_leaf_spin"});
  EXPECT_EQ(Name("\t7f1e StealTask::do_it(GCTaskManager*, unsigned int) "
                 "(/lib/libjvm.so)"),
            V{"StealTask::do_it"});
  EXPECT_EQ(Name("\tb092b main.(*Matrix).Multiply+0x14b (/opt/gowork)"),
            V{"main.(*Matrix).Multiply"});
  EXPECT_EQ(Name("\t2c66 (anonymous namespace)::Matrix::multiply+0x186 "
                 "(/opt/perfgen/perfgen)"),
            V{"(anonymous namespace)::Matrix::multiply"});
}

TEST(FrameNamerTest, UnknownFramesNamedAfterDso) {
  perf::CollapseOptions addrs;
  addrs.include_addrs = true;
  EXPECT_EQ(Name("\t0 [unknown] ([unknown])"), V{"[unknown]"});
  EXPECT_EQ(Name("\td44a3 [unknown] (/usr/lib/libstdc++.so.6)"),
            V{"[libstdc++.so.6]"});
  EXPECT_EQ(Name("\t2dd5 [unknown] (/opt/perfgen-stripped)", addrs),
            V{"[perfgen-stripped <2dd5>]"});
}

TEST(FrameNamerTest, Annotations) {
  perf::CollapseOptions all;
  all.annotate_kernel = all.annotate_jit = true;
  EXPECT_EQ(
      Name("\tffffffff821e9fe6 do_syscall_64+0x46 ([kernel.kallsyms])", all),
      V{"do_syscall_64_[k]"});
  EXPECT_EQ(Name("\t8c3453 tcp_sendmsg (/lib/modules/4.3/build/vmlinux)", all),
            V{"tcp_sendmsg_[k]"});
  EXPECT_EQ(Name("\t7ff1 perfgen_jit::spin_loop(unsigned int) [tier-1]+0xd "
                 "(/tmp/perf-14515.map)",
                 all),
            V{"perfgen_jit::spin_loop_[j]"});
  EXPECT_EQ(Name("\t7f55c4c2500d [unknown] (/tmp/perf-14547.map)", all),
            V{"[perf-14547.map]_[j]"});
}

TEST(FrameNamerTest, JavaTidyingAndInlineChains) {
  EXPECT_EQ(Name("\t7f Lorg/mozilla/Foo;.call(Lorg/Bar;)V (/tmp/perf-1.map)",
                 {}, /*java=*/true),
            V{"org/mozilla/Foo:.call"});
  EXPECT_EQ(Name("\t7f Lorg/mozilla/Foo;.call (/tmp/perf-1.map)"),
            V{"Lorg/mozilla/Foo:.call"});
  EXPECT_EQ(Name("\t7f a->b->c (/tmp/perf-1.map)"), (V{"a", "b_[i]", "c_[i]"}));
  EXPECT_EQ(Name("\t13a80b608e0a RegExp:[&<>\\\"\\'] (/tmp/perf-7539.map)"),
            V{"RegExp:[&<>\\\\]"});
}

TEST(FrameNamerTest, ProcessNameFramesAreSkipped) {
  EXPECT_EQ(Name("\t7f (deleted) (/opt/x)"), V{});
}

TEST(FrameNamerTest, SrclineLocation) {
  EXPECT_EQ(perf::SrclineLocation("  perfgen.cpp:260"), "perfgen.cpp:260");
  EXPECT_EQ(perf::SrclineLocation("  [kernel.kallsyms][ffffffff8168a871]"), "");
  EXPECT_EQ(perf::SrclineLocation("  libc.so.6[2724a]"), "");
  EXPECT_EQ(perf::SrclineLocation("  ??:0"), "");
}

}  // namespace

namespace {

// Deliberate difference from the reference (README): a '(' inside a
// template, lambda or bracket is part of the name, as inferno reads it.
TEST(FrameNamerTest, ParenthesesInsideBracketsAreNotArgumentLists) {
  EXPECT_EQ(Name("\t4a1a std::function<int (int, int)>::operator()(int, int) "
                 "const+0x1c (/opt/app)"),
            V{"std::function<int (int, int)>::operator"});
  EXPECT_EQ(Name("\t4a1a {lambda(int, int)#2}::operator()+0x3 (/opt/app)"),
            V{"{lambda(int, int)#2}::operator"});
  EXPECT_EQ(Name("\t4a1a (anonymous namespace)::myBar(int) (/opt/app)"),
            V{"(anonymous namespace)::myBar"});
  EXPECT_EQ(Name("\t4a1a [(foo)]::bar() (/opt/app)"), V{"[(foo)]::bar"});
  // A '>' outside brackets never hides the argument list that follows.
  EXPECT_EQ(Name("\t4a1a Cmp::operator>(int) (/opt/app)"), V{"Cmp::operator>"});
  EXPECT_EQ(Name("\t4a1a base(BasicType) const (/opt/app)"), V{"base"});
}

// The frame cache keys a frame on its text without the offset: texts that
// differ only there name the same frames, any other difference counts.
TEST(FrameLineTest, KeyDropsOnlyTheOffset) {
  std::string_view pc = "2e56";
  auto key = [&](std::string_view text) {
    perf::FrameKey k = perf::KeyOfFrameText(text, pc, false);
    return std::string(k.head) + "|" + std::string(k.tail);
  };
  EXPECT_EQ(key("f+0x1b (/x)"), "f| (/x)");
  EXPECT_EQ(key("f+0x30 (/x)"), "f| (/x)");
  EXPECT_EQ(key("f+0xZZ (/x)"), "f+0xZZ| (/x)");
  EXPECT_EQ(key("f+0x (/x)"), "f+0x| (/x)");
  EXPECT_EQ(key("a+0x+0x1f"), "a+0x|");
  EXPECT_EQ(key("g (anonymous namespace)"), "g (anonymous namespace)|");
  EXPECT_EQ(key(" (/lib/libc.so)"), "| (/lib/libc.so)");
  EXPECT_EQ(key("(/lib/libc.so)"), "|(/lib/libc.so)");
}

}  // namespace
