#include "common/io/input_file.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <cstdio>
#include <fstream>
#include <string>

#include "tests/testing/temp_path.h"

namespace {

std::string TempPath(const std::string& name) {
  return testing_util::UniqueTempPath("io_test_" + name);
}

void WriteFile(const std::string& path, const std::string& data) {
  std::ofstream f(path, std::ios::binary);
  f.write(data.data(), data.size());
}

std::string Gzip(const std::string& data) {
  z_stream zs{};
  deflateInit2(&zs, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&zs, data.size()) + 32, '\0');
  zs.next_in = (Bytef*)data.data();
  zs.avail_in = data.size();
  zs.next_out = (Bytef*)out.data();
  zs.avail_out = out.size();
  deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

TEST(InputFileTest, ReadsPlainFile) {
  std::string path = TempPath("plain");
  WriteFile(path, "hello\nworld\n");
  std::string data, error;
  ASSERT_TRUE(io::ReadWholeFile(path, &data, &error)) << error;
  EXPECT_EQ(data, "hello\nworld\n");
}

TEST(InputFileTest, DetectsGzipByContentNotName) {
  std::string path = TempPath("compressed.txt");
  WriteFile(path, Gzip("a;b 1\n"));
  std::string data, error;
  ASSERT_TRUE(io::ReadWholeFile(path, &data, &error)) << error;
  EXPECT_EQ(data, "a;b 1\n");
}

TEST(InputFileTest, ReadsConcatenatedGzipMembers) {
  std::string path = TempPath("two-members.gz");
  WriteFile(path, Gzip("first\n") + Gzip("second\n"));
  std::string data, error;
  ASSERT_TRUE(io::ReadWholeFile(path, &data, &error)) << error;
  EXPECT_EQ(data, "first\nsecond\n");
}

TEST(InputFileTest, TruncatedGzipIsAnErrorNamingFile) {
  std::string big(100000, 'x');
  for (size_t i = 0; i < big.size(); i += 7) big[i] = '\n';
  std::string gz = Gzip(big);
  std::string path = TempPath("trunc.gz");
  WriteFile(path, gz.substr(0, gz.size() / 2));
  std::string data, error;
  EXPECT_FALSE(io::ReadWholeFile(path, &data, &error));
  EXPECT_NE(error.find(path), std::string::npos) << error;
  EXPECT_NE(error.find("truncated gzip"), std::string::npos) << error;
}

TEST(InputFileTest, MissingFileAndDirectory) {
  std::string error;
  EXPECT_EQ(io::InputFile::Open(TempPath("does-not-exist"), &error), nullptr);
  EXPECT_NE(error.find("No such file"), std::string::npos) << error;
  EXPECT_EQ(io::InputFile::Open(::testing::TempDir(), &error), nullptr);
  EXPECT_NE(error.find("is a directory"), std::string::npos) << error;
}

TEST(InputFileTest, EmptyFileReadsNothing) {
  std::string path = TempPath("empty");
  WriteFile(path, "");
  std::string data = "junk", error;
  ASSERT_TRUE(io::ReadWholeFile(path, &data, &error));
  EXPECT_EQ(data, "");
}

}  // namespace

namespace {

TEST(InputFileTest, PeekDoesNotConsume) {
  std::string path = TempPath("peek.gz");
  WriteFile(path, Gzip("heap profile: 1: 2 [3: 4] @ heap/1048576\nrest\n"));
  std::string error;
  auto in = io::InputFile::Open(path, &error);
  ASSERT_TRUE(in);
  std::string head;
  ASSERT_TRUE(in->Peek(4, &head));
  EXPECT_EQ(head, "heap");
  ASSERT_TRUE(in->Peek(13, &head));
  EXPECT_EQ(head, "heap profile:");
  char buf[100];
  long got = in->Read(buf, sizeof(buf));
  EXPECT_EQ(std::string(buf, got).substr(0, 13), "heap profile:");
  std::string all(buf, got);
  while ((got = in->Read(buf, sizeof(buf))) > 0) all.append(buf, got);
  EXPECT_EQ(all, "heap profile: 1: 2 [3: 4] @ heap/1048576\nrest\n");
}

}  // namespace
