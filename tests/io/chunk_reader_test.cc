#include "common/io/chunk_reader.h"

#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <vector>

#include "tests/testing/temp_path.h"

namespace {

std::string WriteTemp(const std::string& data) {
  std::string path = testing_util::UniqueTempPath("chunk_reader_test");
  std::ofstream f(path, std::ios::binary);
  f.write(data.data(), data.size());
  return path;
}

// Cuts after the last blank line, as perf samples are cut.
size_t AfterBlankLine(std::string_view data) {
  size_t at = data.rfind("\n\n");
  return at == std::string_view::npos ? at : at + 2;
}

// The chunks of `path` as NextView hands them out; *mapped says whether
// the input was mapped.
std::vector<std::string> ViewChunks(const std::string& path, size_t chunk,
                                    size_t max_line, bool map = true,
                                    bool* mapped = nullptr) {
  std::string error;
  auto in = io::InputFile::Open(path, &error);
  EXPECT_NE(in, nullptr) << error;
  const bool m = map && in->Map();
  if (mapped) *mapped = m;
  io::ChunkReader reader(in.get(), chunk, max_line);
  std::vector<std::string> chunks;
  std::string_view view;
  std::string storage;
  while (reader.NextView(&view, &storage, AfterBlankLine)) {
    chunks.emplace_back(view);
  }
  EXPECT_TRUE(reader.ok());
  return chunks;
}

std::string Samples(int n) {
  std::string s;
  for (int i = 0; i < n; ++i) {
    s += "comm " + std::to_string(i) + " 1: cpu-clock:\n\tabc f+0x1 (d)\n\n";
  }
  return s;
}

TEST(ChunkReaderTest, MappedViewsEndAtRecordsAndCoverTheInput) {
  const std::string data = Samples(200) + "tail without blank line";
  const std::string path = WriteTemp(data);
  for (bool map : {true, false}) {
    bool mapped = !map;
    std::vector<std::string> chunks =
        ViewChunks(path, 256, 1 << 20, map, &mapped);
    EXPECT_EQ(mapped, map);
    ASSERT_GT(chunks.size(), 3u);
    std::string joined;
    for (size_t i = 0; i < chunks.size(); ++i) {
      joined += chunks[i];
      if (i + 1 < chunks.size()) {
        EXPECT_EQ(chunks[i].substr(chunks[i].size() - 2), "\n\n");
      }
    }
    EXPECT_EQ(joined, data);
  }
}

TEST(ChunkReaderTest, MappedInputStartsAfterWhatWasPeekedAndRead) {
  const std::string data = Samples(50);
  const std::string path = WriteTemp(data);
  std::string error, peeked;
  auto in = io::InputFile::Open(path, &error);
  ASSERT_TRUE(in->Peek(10, &peeked));
  char first[4];
  ASSERT_EQ(in->Read(first, 4), 4);
  ASSERT_TRUE(in->Map());
  EXPECT_EQ(in->MappedRest(), std::string_view(data).substr(4));
  std::string again;
  ASSERT_TRUE(in->Peek(6, &again));  // Peek after Map consumes nothing
  EXPECT_EQ(again, data.substr(4, 6));
  io::ChunkReader reader(in.get(), 64);
  std::string_view view;
  std::string storage, joined;
  while (reader.NextView(&view, &storage, AfterBlankLine)) joined += view;
  EXPECT_EQ(joined, data.substr(4));
}

TEST(ChunkReaderTest, OverlongLineOfAMappedInputStillBecomesTheMarker) {
  const std::string big(5000, 'x');
  const std::string data = Samples(3) + big + "\n\n" + Samples(3);
  const std::string path = WriteTemp(data);
  std::vector<std::string> views = ViewChunks(path, 64, 1000);
  std::string joined;
  for (const std::string& c : views) joined += c;
  EXPECT_EQ(joined, Samples(3) + std::string(io::ChunkReader::kOverlongLine) +
                        "\n\n" + Samples(3));
}

TEST(ChunkReaderTest, GzipAndEmptyFilesAreNotMapped) {
  std::string error;
  auto empty = io::InputFile::Open(WriteTemp(""), &error);
  EXPECT_FALSE(empty->Map());
  const std::string gz = std::string("\x1f\x8b", 2) + "not really gzip";
  auto zipped = io::InputFile::Open(WriteTemp(gz), &error);
  EXPECT_FALSE(zipped->Map());
  EXPECT_FALSE(zipped->mapped());
}

}  // namespace
