#include "common/flame/folded_input.h"

#include <memory>

#include "common/io/input_file.h"
#include "common/stack/folded_text.h"

namespace flame {

const char* AddFoldedInputLine(std::string_view line, CountSlot slot,
                               double factor, FrameTree* tree,
                               InputStats* stats) {
  stack::FoldedLine parsed;
  if (!stack::SplitFoldedLine(line, &parsed)) {
    return "no count at the end of the line";
  }
  double first = 0;
  if (!stack::ParseCount(parsed.counts[0], &first)) return "count out of range";
  double before = 0;
  double after = 0;
  if (parsed.num_counts == 2) {
    double second = 0;
    if (!stack::ParseCount(parsed.counts[1], &second))
      return "count out of range";
    if (slot != CountSlot::kAny) {
      return "two counts in a --diff input (give one count per stack)";
    }
    if (first < 0 || second < 0) {
      return "negative count in a BEFORE AFTER pair";
    }
    stats->pairs = true;
    before = first;
    after = second;
  } else {
    const char sign = parsed.counts[0][0];
    if (sign == '-' || sign == '+') {
      if (slot != CountSlot::kAny) return "signed count in a --diff input";
      stats->signed_count = true;
    }
    if (slot == CountSlot::kBefore) {
      before = first;
    } else {
      after = first;
    }
  }
  ++stats->lines;
  tree->AddStack(parsed.stack, before * factor, after * factor);
  return nullptr;
}

bool ReadFoldedInput(io::LineReader* reader, CountSlot slot, double factor,
                     FrameTree* tree, InputStats* stats, io::BadLineSink* bad) {
  std::string_view line;
  while (reader->Next(&line)) {
    // "# interval: 100" and the like are metadata (austin, inferno skip
    // them): neither a frame nor a malformed line.
    if (line.empty() || stack::IsFoldedComment(line)) continue;
    const char* reason = AddFoldedInputLine(line, slot, factor, tree, stats);
    if (reason != nullptr && !bad->Report(reader->line_number(), reason)) {
      return false;
    }
  }
  return reader->ok();
}

bool ReadFoldedFiles(const std::vector<std::string>& paths,
                     const InputOptions& options, FrameTree* tree,
                     InputStats* stats, io::BadLineSink* bad,
                     std::string* error) {
  for (size_t i = 0; i < paths.size(); ++i) {
    std::unique_ptr<io::InputFile> in = io::InputFile::Open(paths[i], error);
    if (!in) return false;
    const CountSlot slot =
        !options.diff_pair ? CountSlot::kAny
                           : (i == 0 ? CountSlot::kBefore : CountSlot::kAfter);
    io::LineReader reader(in.get());
    bad->set_source(in->name());
    if (!ReadFoldedInput(&reader, slot, options.factor, tree, stats, bad)) {
      if (!reader.ok()) *error = reader.error();
      return false;
    }
  }
  return true;
}

}  // namespace flame
