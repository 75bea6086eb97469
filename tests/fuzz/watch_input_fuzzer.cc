// Fuzzes every parser spikewatch applies to text from outside: the first
// line as a --rule (a rule that parses must fire consistently), the rest as
// --replay lines through the rule engine (every fire line printable, one
// line), and the whole input as a pprof index page, expvar JSON, a
// heap?debug=1 tail and /proc/PID/status and stat.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include "common/io/line_reader.h"
#include "common/io/output_buffer.h"
#include "common/watch/pprof_index.h"
#include "common/watch/proc_stats.h"
#include "common/watch/replay.h"
#include "common/watch/rule.h"
#include "common/watch/rule_engine.h"

namespace {

void CheckFireLines(const std::string& text) {
  if (!text.empty() && text.back() != '\n') __builtin_trap();
  for (char c : text) {
    const unsigned char u = static_cast<unsigned char>(c);
    if ((u < ' ' && c != '\n') || u == 0x7f) __builtin_trap();
  }
  if (!text.empty() && text.rfind("fire ", 0) != 0) __builtin_trap();
}

std::string ReplayAll(std::string_view lines, const watch::Rule& rule) {
  watch::RuleEngine engine({rule}, watch::EngineOptions{2, 10});
  watch::Replayer replayer(&engine);
  std::FILE* tmp = std::tmpfile();
  if (tmp == nullptr) return "";
  {
    io::OutputBuffer out(fileno(tmp));
    io::LineSplitter split(lines);
    std::string_view line;
    while (split.Next(&line)) replayer.Line(line, &out);
  }
  std::string text;
  std::rewind(tmp);
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, tmp)) > 0) text.append(buf, n);
  std::fclose(tmp);
  return text;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const size_t nl = input.find('\n');
  const std::string_view first = input.substr(0, nl);
  const std::string_view rest =
      nl == std::string_view::npos ? std::string_view() : input.substr(nl + 1);
  watch::Rule rule;
  if (watch::ParseRule(first, &rule).empty()) {
    watch::FiredBy by;
    // Monotonic in the value: what fires at v fires at any larger value
    // with the same average.
    if (watch::RuleFires(rule, 100, 50, &by) &&
        !watch::RuleFires(rule, 1e300, 50, &by)) {
      __builtin_trap();
    }
    CheckFireLines(ReplayAll(rest, rule));
  } else {
    watch::ParseRule("goroutines:min=1,diff=10%", &rule);
    CheckFireLines(ReplayAll(input, rule));
  }
  watch::IndexCount(input, "goroutine");
  watch::IndexCount(input, "threadcreate");
  watch::HeapInuseFromExpvar(input);
  watch::HeapInuseFromDebugHeap(input);
  watch::ProcStats stats;
  watch::ParseProcStatus(input, &stats);
  watch::ParseProcStat(input, &stats);
  return 0;
}
