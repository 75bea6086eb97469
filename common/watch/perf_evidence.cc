#include "common/watch/perf_evidence.h"

#include <algorithm>
#include <cstdio>
#include <memory>
#include <vector>

#include "common/io/bad_lines.h"
#include "common/io/input_file.h"
#include "common/io/line_reader.h"
#include "common/perf/collapse_options.h"
#include "common/perf/collapser.h"
#include "common/stack/folded_stacks.h"
#include "common/stack/folded_text.h"
#include "common/watch/flame_file.h"
#include "common/watch/subprocess.h"

namespace watch {

bool RecordPerf(int pid, int seconds, const std::string& folder,
                std::string* error) {
  if (!OnPath("perf")) {
    *error = "perf is not installed (Debian: linux-perf)";
    return false;
  }
  const std::string data = folder + "/perf.data", text = folder + "/perf.txt";
  if (!RunProgram(
          {"perf", "record", "-g", "-q", "-F", "99", "-p", std::to_string(pid),
           "-o", data, "--", "sleep", std::to_string(seconds)},
          "", seconds + 30, error) ||
      !RunProgram({"perf", "script", "-i", data}, text, 120, error)) {
    return false;
  }
  auto in = io::InputFile::Open(text, error);
  if (!in) return false;
  perf::Collapser collapser(perf::CollapseOptions(), 1);
  io::BadLineSink bad;
  bad.set_source(text);
  const bool ok = collapser.Add(in.get(), &bad);
  in.reset();
  std::remove(text.c_str());  // cpu.folded keeps what it said
  if (!ok) {
    *error = collapser.error();
    return false;
  }
  if (collapser.result().stacks.size() == 0) {
    *error = "perf recorded no samples";
    return false;
  }
  return WriteFoldedFile(collapser.result(), folder + "/cpu.folded", error);
}

void PerfSection(const std::string& folded_path, const std::string& svg,
                 std::string* text, std::string* finding) {
  std::string error;
  auto in = io::InputFile::Open(folded_path, &error);
  stack::FoldedStacks folded;
  io::BadLineSink bad;
  io::LineReader reader(in.get());
  if (!in || !stack::ReadFolded(&reader, &folded, &bad)) {
    *text = "== cpu (perf): " + error + "\n";
    return;
  }
  const int64_t total = folded.stacks.Total();
  std::vector<size_t> order(folded.stacks.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return folded.stacks.Count(a) > folded.stacks.Count(b);
  });
  *text = "== cpu (perf record -g): hottest stacks of " + folded_path + "\n";
  char line[64];
  for (size_t k = 0; k < order.size() && k < 10; ++k) {
    const int64_t n = folded.stacks.Count(order[k]);
    std::snprintf(line, sizeof line, "%6.2f%% %10lld  ",
                  total ? 100.0 * n / total : 0.0, static_cast<long long>(n));
    *text += line + folded.Join(order[k]) + "\n";
  }
  if (!order.empty()) {
    const auto frames = folded.stacks.Frames(order[0]);
    if (frames.empty()) return;
    std::snprintf(line, sizeof line, " (%.1f%% of samples)",
                  total ? 100.0 * folded.stacks.Count(order[0]) / total : 0.0);
    *finding = "cpu: hottest stack ends in " +
               std::string(folded.symbols.Name(frames.back())) + line;
  }
  if (WriteFlameGraph(folded, "CPU (perf)", "samples", svg, &error)) {
    *text += "flame graph: " + svg + "\n";
  } else {
    *text += "flame graph: not drawn: " + error + "\n";
  }
}

}  // namespace watch
