// The one set of Go name rules: every tool classifies a frame the same way.
#include "common/stack/go_names.h"

#include <gtest/gtest.h>

namespace {

using stack::ClassifyGoFunction;
using stack::GoPackageKind;

TEST(GoNamesTest, ClassifiesByPackagePath) {
  EXPECT_EQ(ClassifyGoFunction("runtime.gopark"), GoPackageKind::kRuntime);
  EXPECT_EQ(ClassifyGoFunction("runtime/internal/syscall.Syscall6"),
            GoPackageKind::kRuntime);
  EXPECT_EQ(ClassifyGoFunction("net/http.(*conn).serve"),
            GoPackageKind::kStdlib);
  EXPECT_EQ(ClassifyGoFunction("internal/poll.(*FD).Read"),
            GoPackageKind::kStdlib);
  EXPECT_EQ(ClassifyGoFunction("vendor/golang.org/x/net/http2.(*Framer).x"),
            GoPackageKind::kStdlib);
  EXPECT_EQ(ClassifyGoFunction("main.(*pool).start.func1"),
            GoPackageKind::kMain);
  EXPECT_EQ(ClassifyGoFunction("github.com/x/y/z.(*T[...]).M"),
            GoPackageKind::kModule);
  // A module whose path is one element is the user's code, not std.
  EXPECT_EQ(ClassifyGoFunction("myservice.Handle"), GoPackageKind::kModule);
  EXPECT_EQ(ClassifyGoFunction("[unknown]"), GoPackageKind::kNotGo);
  EXPECT_EQ(ClassifyGoFunction("std::vector<int>::push_back"),
            GoPackageKind::kNotGo);
  EXPECT_EQ(ClassifyGoFunction("do_syscall_64"), GoPackageKind::kNotGo);
}

TEST(GoNamesTest, StandardLibraryIsRuntimeOrStd) {
  EXPECT_TRUE(stack::IsStandardLibrary("sync.(*WaitGroup).Wait"));
  EXPECT_TRUE(stack::IsStandardLibrary("runtime.chanrecv1"));
  EXPECT_FALSE(stack::IsStandardLibrary("main.main"));
  EXPECT_FALSE(stack::IsStandardLibrary("golang.org/x/sync/errgroup.x"));
  EXPECT_FALSE(stack::IsStandardLibrary("myservice.Handle"));
}

}  // namespace
