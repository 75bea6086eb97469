// Fuzzes the goroutine dump parser (debug=2, debug=1, crash output) and
// everything goleak-cluster does after it: clustering with the selected
// similarity, the leak rules and lock view (Analyze), and the text, JSON
// and folded reports. The JSON report must stay valid JSON. The first byte
// selects the options; the first half of the text (cut at a line) is also
// loaded as a --base dump to exercise the comparison. Folding the clusters
// must give what folding each goroutine gives.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>

#include "common/goroutine/analysis.h"
#include "common/goroutine/cluster_set.h"
#include "common/goroutine/dump_parser.h"
#include "common/goroutine/folded.h"
#include "common/goroutine/json_report.h"
#include "common/goroutine/text_report.h"
#include "common/io/bad_lines.h"
#include "common/stack/folded_stacks.h"
#include "common/stack/folded_text.h"
#include "common/stack/symbol_table.h"
#include "tests/fuzz/json_check.h"

namespace {

// Feeds `text` line by line as ParseDump does (the last line without "\n"
// goes to Finish) to `visitor`.
goroutine::DumpInfo Parse(std::string_view text,
                          goroutine::DumpVisitor* visitor) {
  io::BadLineSink bad;
  goroutine::DumpParser parser(visitor, &bad);
  size_t pos = 0;
  while (pos < text.size()) {
    const void* nl = std::memchr(text.data() + pos, '\n', text.size() - pos);
    if (nl == nullptr) break;
    const size_t end = static_cast<const char*>(nl) - text.data();
    parser.Line(text.substr(pos, end - pos));
    pos = end + 1;
  }
  parser.Finish(text.substr(pos));
  if (bad.count() > 0 && bad.first_reason().empty()) __builtin_trap();
  return parser.info();
}

// Parses `text` into a new cluster set.
void Load(std::string_view text, goroutine::Similarity similarity,
          stack::SymbolTable* symbols, goroutine::LoadedDump* out) {
  out->clusters = std::make_unique<goroutine::ClusterSet>(symbols, similarity);
  out->info = Parse(text, out->clusters.get());
  out->names.push_back("fuzz");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const uint8_t flags = data[0];
  std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  static const goroutine::Similarity kSim[] = {
      goroutine::Similarity::kLines, goroutine::Similarity::kExact,
      goroutine::Similarity::kFunctions, goroutine::Similarity::kLines};
  const goroutine::Similarity similarity = kSim[flags & 3];

  goroutine::Analysis a;
  a.symbols = std::make_unique<stack::SymbolTable>();
  Load(text, similarity, a.symbols.get(), &a.now);
  if (flags & 4) {
    size_t half = text.rfind('\n', text.size() / 2);
    half = half == std::string_view::npos ? 0 : half + 1;
    a.has_base = true;
    Load(text.substr(0, half), similarity, a.symbols.get(), &a.base);
    // Three dumps (--base twice): the first quarter before the base.
    size_t quarter = text.rfind('\n', text.size() / 4);
    quarter = quarter == std::string_view::npos ? 0 : quarter + 1;
    Load(text.substr(0, quarter), similarity, a.symbols.get(),
         &a.earlier.emplace_back());
  }
  goroutine::AnalysisOptions options;
  options.similarity = similarity;
  if (flags & 8) options.min_count = 2;
  if (flags & 16) options.min_wait_seconds = 60;
  if (flags & 32) options.filter = "main\\.";
  std::string error;
  if (!goroutine::Analyze(options, &a, &error)) __builtin_trap();

  goroutine::TextOptions text_options;
  text_options.color = flags & 64;
  text_options.show_stacks = !(flags & 128);
  goroutine::WriteTextReport(a, text_options);
  const std::string json = goroutine::WriteJsonReport(a);
  if (!fuzzcheck::IsValidJson(json)) {
    std::fprintf(stderr, "goroutine_dump: invalid JSON report:\n%s\n",
                 json.c_str());
    __builtin_trap();
  }
  stack::FoldedStacks folded;
  goroutine::FoldedOptions folded_options;
  folded_options.trim_runtime = flags & 64;
  goroutine::AddFoldedClusters(a, folded_options, &folded);
  const std::string by_cluster = stack::FoldedToString(folded);
  if (!(flags & (8 | 16 | 32))) {
    // Nothing hidden: the clusters fold exactly as their goroutines do
    // (goleak-cluster --folded and stackfold print the same lines).
    stack::FoldedStacks each;
    goroutine::DumpFolder folder(folded_options, &each);
    Parse(text, &folder);
    if (stack::FoldedToString(each) != by_cluster) __builtin_trap();
  }
  return 0;
}
