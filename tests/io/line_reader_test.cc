#include "common/io/line_reader.h"

#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <vector>

#include "common/io/terminal_text.h"
#include "tests/testing/temp_path.h"

namespace {

std::vector<std::string> ReadLines(
    const std::string& content, size_t block,
    size_t max_line = io::ChunkReader::kDefaultMaxLine,
    uint64_t* overlong = nullptr, uint64_t* first_offset = nullptr) {
  std::string path = testing_util::UniqueTempPath("line_reader_test");
  {
    std::ofstream f(path, std::ios::binary);
    f << content;
  }
  std::string error;
  auto in = io::InputFile::Open(path, &error);
  io::LineReader reader(in.get(), block, max_line);
  std::vector<std::string> lines;
  std::string_view line;
  while (reader.Next(&line)) lines.emplace_back(line);
  EXPECT_TRUE(reader.ok());
  if (overlong) *overlong = reader.chunks().overlong_lines();
  if (first_offset) *first_offset = reader.chunks().first_overlong_offset();
  return lines;
}

TEST(LineReaderTest, SplitsLinesAcrossSmallBlocks) {
  std::vector<std::string> want = {"alpha", "", "beta", "gamma"};
  EXPECT_EQ(ReadLines("alpha\n\nbeta\ngamma\n", 3), want);
  EXPECT_EQ(ReadLines("alpha\n\nbeta\ngamma\n", 1 << 16), want);
}

// A line past the limit is not kept: it becomes one marker line (so the
// parser counts one bad line at the right number) and reading goes on.
TEST(LineReaderTest, OverlongLinesBecomeOneMarkerLineEach) {
  const std::string marker(io::ChunkReader::kOverlongLine);
  const std::string big(5000, 'x');
  for (size_t block : {7, 64, 4096}) {
    uint64_t overlong = 0, offset = 0;
    std::vector<std::string> got =
        ReadLines("a 1\n" + big + "\nb 2\n" + big + big + "\nc 3", block, 1000,
                  &overlong, &offset);
    std::vector<std::string> want = {"a 1", marker, "b 2", marker, "c 3"};
    EXPECT_EQ(got, want) << "block " << block;
    EXPECT_EQ(overlong, 2u);
    EXPECT_EQ(offset, 4u);
  }
  // At the end of the input, without a newline.
  uint64_t overlong = 0;
  EXPECT_EQ(ReadLines("a 1\n" + big, 64, 1000, &overlong),
            (std::vector<std::string>{"a 1", marker}));
  EXPECT_EQ(overlong, 1u);
  // Lines up to the limit are kept whole.
  EXPECT_EQ(ReadLines(std::string(1000, 'y') + "\n", 64, 1000),
            (std::vector<std::string>{std::string(1000, 'y')}));
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
