// perf's frame annotations: which one a name carries, and the name shown.
#include "common/flame/frame_annotation.h"

#include <gtest/gtest.h>

namespace flame {
namespace {

TEST(FrameAnnotationTest, RecognisesFlamegraphPlsFourAnnotations) {
  EXPECT_EQ(AnnotationOf("do_syscall_64_[k]"), FrameAnnotation::kKernel);
  EXPECT_EQ(AnnotationOf("LazyCompile:~f_[j]"), FrameAnnotation::kJit);
  EXPECT_EQ(AnnotationOf("inlined_[i]"), FrameAnnotation::kInlined);
  EXPECT_EQ(AnnotationOf("try_to_wake_up_[w]"), FrameAnnotation::kWaker);
  EXPECT_EQ(AnnotationOf("f_[x]"), FrameAnnotation::kNone);
  EXPECT_EQ(AnnotationOf("f[k]"), FrameAnnotation::kNone);
  EXPECT_EQ(AnnotationOf("_[k]"), FrameAnnotation::kNone);  // nothing left
  EXPECT_EQ(AnnotationOf("f_[k] "), FrameAnnotation::kNone);
  EXPECT_EQ(AnnotationOf(""), FrameAnnotation::kNone);
}

TEST(FrameAnnotationTest, ShownNameLeavesOnlyTheLastAnnotationOut) {
  EXPECT_EQ(WithoutAnnotation("do_syscall_64_[k]"), "do_syscall_64");
  EXPECT_EQ(WithoutAnnotation("a_[k]_[j]"), "a_[k]");
  EXPECT_EQ(WithoutAnnotation("main.main"), "main.main");
  EXPECT_EQ(WithoutAnnotation("_[k]"), "_[k]");
}

}  // namespace
}  // namespace flame
