#include "common/io/gzip_stream.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <fstream>
#include <string>

#include "common/io/input_file.h"
#include "tests/testing/temp_path.h"

namespace {

std::string Gzip(const std::string& data) {
  z_stream zs{};
  deflateInit2(&zs, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&zs, data.size()) + 32, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

// Feeds `gz` in blocks of `block` bytes, as a file reader does.
std::string InflateInBlocks(const std::string& gz, size_t block,
                            std::string* error) {
  io::GzipStream stream("x.gz");
  std::string out;
  size_t fed = 0;
  char buf[7];  // small on purpose: many reads per block
  for (;;) {
    long got = stream.Read(buf, sizeof(buf));
    if (got < 0) {
      *error = stream.error();
      return out;
    }
    if (got > 0) {
      out.append(buf, got);
      continue;
    }
    if (!stream.needs_input()) return out;
    if (fed == gz.size()) {
      stream.EndInput();
    } else {
      size_t n = std::min(block, gz.size() - fed);
      stream.Feed(gz.data() + fed, n);
      fed += n;
    }
  }
}

TEST(GzipStream, ConcatenatedMembersInAnyBlockSize) {
  const std::string gz = Gzip("first\n") + Gzip(std::string(5000, 'x'));
  const std::string want = "first\n" + std::string(5000, 'x');
  for (size_t block : {1, 2, 3, 64, 100000}) {
    std::string error;
    EXPECT_EQ(InflateInBlocks(gz, block, &error), want) << block;
    EXPECT_EQ(error, "") << block;
  }
  std::string out, error;
  ASSERT_TRUE(io::GunzipBytes("x.gz", gz, &out, &error)) << error;
  EXPECT_EQ(out, want);
}

TEST(GzipStream, TrailingBytesThatAreNotGzipAreIgnored) {
  std::string out, error;
  ASSERT_TRUE(io::GunzipBytes("x.gz", Gzip("data\n") + "garbage", &out, &error))
      << error;
  EXPECT_EQ(out, "data\n");
}

TEST(GzipStream, TruncatedDataNamesTheEndOffset) {
  std::string gz = Gzip(std::string(100000, 'a') + std::string(100000, 'b'));
  gz.resize(20);
  std::string out, error;
  EXPECT_FALSE(io::GunzipBytes("x.gz", gz, &out, &error));
  EXPECT_EQ(error, "x.gz: truncated gzip data (ends at byte 20)");
  std::string blocks_error;
  InflateInBlocks(gz, 3, &blocks_error);
  EXPECT_EQ(blocks_error, error);
}

TEST(GzipStream, CorruptDataNamesTheOffsetAndWhy) {
  std::string gz = Gzip("hello hello hello\n");
  gz[10] = '\xff';  // first byte of the deflate data: invalid block type
  std::string out, error;
  EXPECT_FALSE(io::GunzipBytes("x.gz", gz, &out, &error));
  EXPECT_EQ(error, "x.gz: corrupt gzip data at byte 11 (invalid block type)");
}

}  // namespace

// A bomb stops at the limit with a message that names it, in memory and
// from a file alike.
TEST(GzipStream, OutputPastTheLimitIsAnError) {
  const std::string gz = Gzip(std::string(3 << 20, '\0'));
  std::string out, error;
  EXPECT_FALSE(io::GunzipBytes("bomb.gz", gz, &out, &error, 1 << 20));
  EXPECT_EQ(error,
            "bomb.gz: more than 1 MiB after decompression (the limit for an "
            "input read whole; raise it with --max-input-mib)");
  EXPECT_TRUE(out.empty());
  ASSERT_TRUE(io::GunzipBytes("bomb.gz", gz, &out, &error, 4 << 20)) << error;
  EXPECT_EQ(out.size(), 3u << 20);
  const std::string path = testing_util::UniqueTempPath("bomb.gz");
  std::ofstream(path, std::ios::binary) << gz;
  EXPECT_FALSE(io::ReadWholeFile(path, &out, &error, 1 << 20));
  EXPECT_EQ(error, io::TooLargeMessage(path, 1 << 20));
}

// Zero padding after the last member (tape and block devices) is accepted
// wherever a block boundary falls, as gzip -dc does; found when one byte of
// padding was left at the end of a read buffer ("incorrect header check").
TEST(GzipStream, ZeroPaddingAnywhere) {
  const std::string gz = Gzip("a 1\n") + Gzip("b 2\n") + std::string(700, '\0');
  for (size_t block = 1; block <= 40; ++block) {
    std::string error;
    EXPECT_EQ(InflateInBlocks(gz, block, &error), "a 1\nb 2\n") << block;
    EXPECT_EQ(error, "") << block;
  }
  std::string out, error;
  ASSERT_TRUE(io::GunzipBytes("x.gz", gz, &out, &error)) << error;
  EXPECT_EQ(out, "a 1\nb 2\n");
}
