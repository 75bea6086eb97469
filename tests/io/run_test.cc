// io's run settings: the input limits every reader takes as its default, the
// warning line, and the record the out-of-memory message is made from.
#include "common/io/run.h"

#include <gtest/gtest.h>
#include <unistd.h>
#include <zlib.h>

#include <cstdio>
#include <fstream>
#include <string>

#include "common/io/chunk_reader.h"
#include "common/io/gzip_stream.h"
#include "common/io/input_file.h"
#include "common/io/reading_now.h"

namespace {

class RunTest : public ::testing::Test {
 protected:
  void TearDown() override { io::SetUpRun("io_test", io::InputLimits{}); }
};

std::string Gzip(const std::string& data) {
  uLongf n = compressBound(data.size()) + 32;
  std::string out(n, '\0');
  z_stream zs{};
  deflateInit2(&zs, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

TEST_F(RunTest, LimitsSetForTheRunAreEveryReadersDefault) {
  EXPECT_EQ(io::Limits().max_line, io::kDefaultMaxLine);
  EXPECT_EQ(io::Limits().max_whole_input, io::kDefaultMaxWholeInput);
  io::SetUpRun("tool",
               io::InputLimits{.max_whole_input = 1 << 20, .max_line = 4096});
  std::string error;
  auto in = io::InputFile::Open("/dev/null", &error);
  ASSERT_TRUE(in);
  io::ChunkReader chunks(in.get());
  EXPECT_EQ(chunks.max_line(), 4096u);
  // A second gzip layer is capped by the run's limit too.
  std::string out;
  EXPECT_FALSE(
      io::GunzipBytes("p.gz", Gzip(std::string(2 << 20, 'x')), &out, &error));
  EXPECT_EQ(error, io::TooLargeMessage("p.gz", 1 << 20));
}

TEST_F(RunTest, BytesAfterTheGzipDataAreIgnoredWithTheirOffset) {
  io::SetUpRun("tool", io::InputLimits{});
  const std::string gz = Gzip("a;b 1\n");
  std::string out, error;
  testing::internal::CaptureStderr();
  ASSERT_TRUE(io::GunzipBytes("x.gz", gz + "junk", &out, &error)) << error;
  EXPECT_EQ(testing::internal::GetCapturedStderr(),
            "tool: warning: x.gz: ignored the bytes after the gzip data, from "
            "byte " +
                std::to_string(gz.size()) +
                " (not gzip; gzip -dc ignores them too)\n");
  EXPECT_EQ(out, "a;b 1\n");
}

TEST_F(RunTest, ZeroPaddingIsNotWarnedAbout) {
  io::SetUpRun("tool", io::InputLimits{});
  std::string out, error;
  testing::internal::CaptureStderr();
  ASSERT_TRUE(io::GunzipBytes("x.gz", Gzip("a 1\n") + std::string(9, '\0'),
                              &out, &error));
  EXPECT_EQ(testing::internal::GetCapturedStderr(), "");
}

TEST_F(RunTest, TheReadingRecordFollowsTheLastInputAndWholeReads) {
  std::string error;
  auto in = io::InputFile::Open("/dev/zero", &error);
  ASSERT_TRUE(in);
  EXPECT_STREQ(io::CurrentReading().name, "/dev/zero");
  char buf[1000];
  ASSERT_EQ(in->Read(buf, sizeof(buf)), 1000);
  EXPECT_EQ(io::CurrentReading().bytes, 1000u);
  EXPECT_FALSE(io::CurrentReading().held_whole);
  std::string all;
  EXPECT_FALSE(io::ReadAll(in.get(), &all, &error, 1 << 20));
  EXPECT_TRUE(io::CurrentReading().held_whole);
  auto next = io::InputFile::Open("/dev/null", &error);
  EXPECT_STREQ(io::CurrentReading().name, "/dev/null");
  EXPECT_EQ(io::CurrentReading().bytes, 0u);
  EXPECT_FALSE(io::CurrentReading().held_whole);
}

// A mapped input cut short under the reader: the pages past the new end
// fault (SIGBUS); the tool says what happened and exits 2.
TEST_F(RunTest, AMappedFileThatShrinksIsAMessageNotACrash) {
  const std::string path = ::testing::TempDir() + "run_test_shrinks.txt";
  {
    std::ofstream f(path, std::ios::binary);
    f << std::string(1 << 20, 'x');
  }
  EXPECT_EXIT(
      {
        io::SetUpRun("tool", io::InputLimits{});
        std::string error;
        auto in = io::InputFile::Open(path, &error);
        if (!in || !in->Map()) ::_exit(3);
        if (::truncate(path.c_str(), 0) != 0) ::_exit(4);
        volatile char sum = 0;
        for (char c : in->MappedRest()) sum = sum + c;
        ::_exit(0);
      },
      ::testing::ExitedWithCode(2),
      "tool: .*run_test_shrinks.txt: the file shrank while it was read");
  std::remove(path.c_str());
}

TEST_F(RunTest, ALongNameIsCutToFit) {
  std::string name(1000, 'n');
  io::NoteReading(name);
  EXPECT_EQ(std::string(io::CurrentReading().name), std::string(255, 'n'));
}

}  // namespace
