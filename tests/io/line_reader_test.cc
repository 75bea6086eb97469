#include "common/io/line_reader.h"

#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <vector>

#include "common/io/terminal_text.h"
#include "tests/testing/temp_path.h"

namespace {

std::vector<std::string> ReadLines(const std::string& content, size_t block) {
  std::string path = testing_util::UniqueTempPath("line_reader_test");
  {
    std::ofstream f(path, std::ios::binary);
    f << content;
  }
  std::string error;
  auto in = io::InputFile::Open(path, &error);
  io::LineReader reader(in.get(), block);
  std::vector<std::string> lines;
  std::string_view line;
  while (reader.Next(&line)) lines.emplace_back(line);
  EXPECT_TRUE(reader.ok());
  return lines;
}

TEST(LineReaderTest, SplitsLinesAcrossSmallBlocks) {
  std::vector<std::string> want = {"alpha", "", "beta", "gamma"};
  EXPECT_EQ(ReadLines("alpha\n\nbeta\ngamma\n", 3), want);
  EXPECT_EQ(ReadLines("alpha\n\nbeta\ngamma\n", 1 << 16), want);
}

TEST(LineReaderTest, LastLineWithoutNewlineAndCrlf) {
  std::vector<std::string> want = {"one", "two"};
  EXPECT_EQ(ReadLines("one\r\ntwo", 4), want);
}

TEST(LineReaderTest, LineLongerThanBlock) {
  std::string longline(1 << 20, 'z');
  auto lines = ReadLines("a\n" + longline + "\nb\n", 4096);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[1].size(), longline.size());
  EXPECT_EQ(lines[2], "b");
}

TEST(LineSplitterTest, KeepsNulBytes) {
  std::string text("a\0b\nc", 5);
  io::LineSplitter s(text);
  std::string_view line;
  ASSERT_TRUE(s.Next(&line));
  EXPECT_EQ(line, std::string_view("a\0b", 3));
  ASSERT_TRUE(s.Next(&line));
  EXPECT_EQ(line, "c");
  EXPECT_FALSE(s.Next(&line));
}

}  // namespace

namespace {

TEST(TerminalTextTest, ReplacesControlBytesButKeepsLinesAndUtf8) {
  std::string s = "main.evil\x1b]0;pwned\x07\x1b[2J\tx\n\xc3\xa9\x7f";
  io::ReplaceControlBytes(&s);
  EXPECT_EQ(s, "main.evil?]0;pwned??[2J\tx\n\xc3\xa9?");
}

}  // namespace
