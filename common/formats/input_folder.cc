#include "common/formats/input_folder.h"

#include "common/dtrace/collapser.h"
#include "common/formats/trial_parse.h"
#include "common/goroutine/dump_parser.h"
#include "common/goroutine/folded.h"
#include "common/io/line_reader.h"
#include "common/perf/collapser.h"
#include "common/pprof/folded.h"
#include "common/pprof/legacy_count.h"
#include "common/pprof/load.h"
#include "common/stack/folded_text.h"

namespace formats {
namespace {
// Detection looks at the first 64 KiB, and when no probe is sure of that,
// at up to 16 MiB (a goroutine dump after a long log, say): a bounded
// look-ahead, kept in memory and then read again by the parser.
constexpr size_t kDetectBytes = 64 * 1024;
constexpr size_t kMaxDetectBytes = 16 * 1024 * 1024;
}  // namespace

bool InputFolder::Detect(io::InputFile* in, InputFormat* format,
                         std::string* error) {
  std::string head;
  trial_.clear();
  for (size_t n = kDetectBytes;; n *= 4) {
    if (!in->Peek(n, &head)) {
      *error = in->error();
      return false;
    }
    *format = DetectFormat(head);
    if (*format != InputFormat::kUnknown) return true;
    if (head.size() < n || n >= kMaxDetectBytes) break;
  }
  // No probe is sure: the parser that reads the first 64 KiB with clearly
  // the fewest bad lines, if one does.
  *format = DetectByTrialParse(std::string_view(head).substr(0, kDetectBytes),
                               &trial_);
  return true;
}

bool InputFolder::Add(io::InputFile* in, std::string* error) {
  InputFormat format = options_.format;
  InputFormat looks_like = InputFormat::kUnknown;  // a forced format's input
  if (format != InputFormat::kUnknown) {
    std::string head;
    if (in->Peek(kDetectBytes, &head)) looks_like = DetectFormat(head);
  } else {
    std::string head;
    if (!in->Peek(1, &head)) {
      *error = in->error();
      return false;
    }
    if (head.empty()) {  // empty input: nothing to fold
      formats_.push_back(InputFormat::kUnknown);
      return true;
    }
    if (!Detect(in, &format, error)) return false;
  }
  formats_.push_back(format);
  bad_.set_source(in->name());
  const uint64_t bad_before = bad_.count();
  const size_t stacks_before = folded_.stacks.size();
  const int64_t total_before = folded_.stacks.Total();
  if (!AddAs(format, in, error)) return false;
  if (bad_.stopped()) return true;
  // Only bad lines and not one record: the file is not what it was read as
  // (a forced --format, or a mis-detection). Say so instead of printing
  // nothing with exit status 0.
  const uint64_t bad = bad_.count() - bad_before;
  if (bad > 0 && folded_.stacks.size() == stacks_before &&
      folded_.stacks.Total() == total_before) {
    *error = in->name() + ": nothing valid read as " +
             std::string(FormatName(format)) + " (" + std::to_string(bad) +
             (bad == 1 ? " malformed line" : " malformed lines") +
             ", first: " + bad_.first() + ")";
    if (looks_like != InputFormat::kUnknown && looks_like != format) {
      *error += "; it looks like " +
                std::string(FormatDescription(looks_like)) + " (--format " +
                std::string(FormatName(looks_like)) + ", or no --format)";
    }
    return false;
  }
  return true;
}

bool InputFolder::AddFiles(const std::vector<std::string>& paths,
                           std::string* error) {
  const std::vector<std::string> stdin_only = {"-"};
  for (const std::string& path : paths.empty() ? stdin_only : paths) {
    std::unique_ptr<io::InputFile> in = io::InputFile::Open(path, error);
    if (!in || !Add(in.get(), error)) return false;
    if (bad_.stopped()) break;
  }
  return true;
}

bool InputFolder::AddAs(InputFormat format, io::InputFile* in,
                        std::string* error) {
  switch (format) {
    case InputFormat::kPerfScript:
      return AddPerf(in, error);
    case InputFormat::kPprof:
    case InputFormat::kLegacyHeap:
    case InputFormat::kContention:
    case InputFormat::kThreadz:
    case InputFormat::kLegacyCpu:
      return AddProfile(in, error);
    case InputFormat::kLegacyCount:
      return AddCount(in, error);
    case InputFormat::kGoroutineDump:
      return AddDump(in, error);
    case InputFormat::kFolded:
      return AddFolded(in, error);
    case InputFormat::kDtrace:
      return AddDtrace(in, error);
    case InputFormat::kUnknown:
      break;
  }
  *error = in->name() + ": input format not recognised (expected " +
           FormatDescriptions() + "); name it with --format (" + FormatNames() +
           ")";
  if (!trial_.empty()) *error += "; no parser is clearly right: " + trial_;
  return false;
}

bool InputFolder::AddPerf(io::InputFile* in, std::string* error) {
  perf::Collapser collapser(options_.perf, options_.threads);
  bool ok = collapser.Add(in, &bad_);
  if (bad_.stopped()) return true;  // --strict: the tool reports it
  folded_.Merge(collapser.result());
  uint64_t skipped = 0;
  std::string events;
  for (const auto& [event, n] : collapser.filtered()) {
    skipped += n;
    events += (events.empty() ? "" : ", ") + event + ": " + std::to_string(n);
  }
  if (skipped > 0) {
    warnings_.push_back(in->name() + ": kept event " + collapser.event() +
                        "; skipped " + std::to_string(skipped) +
                        " samples of other events (" + events +
                        "); choose with --event-filter");
  }
  if (!ok) *error = collapser.error();
  return ok;
}

bool InputFolder::AddProfile(io::InputFile* in, std::string* error) {
  std::string data;
  if (!io::ReadAll(in, &data, error, options_.max_input_bytes)) return false;
  pprof::LoadedProfile loaded;
  bool ok =
      pprof::LoadProfileFromBytes(in->name(), std::move(data), &bad_, &loaded,
                                  error, options_.max_input_bytes);
  if (!ok || bad_.stopped()) return ok;  // --strict: the tool reports it
  if (!pprof::FoldProfile(&loaded.profile, options_, &folded_, error)) {
    *error = in->name() + ": " + *error;
    return false;
  }
  return true;
}

bool InputFolder::AddCount(io::InputFile* in, std::string* error) {
  // Go writes "#" lines naming each record's frames: the goroutine reader
  // folds those like a dump. Records of bare addresses (a profile written
  // without symbols) are pprof's: one unsymbolised frame per address.
  std::string head;
  if (!in->Peek(kDetectBytes, &head)) {
    *error = in->error();
    return false;
  }
  if (pprof::LegacyCountNamesFrames(head)) return AddDump(in, error);
  return AddProfile(in, error);
}

bool InputFolder::AddDump(io::InputFile* in, std::string* error) {
  goroutine::FoldedOptions fold;
  fold.trim_runtime = options_.trim_runtime;
  fold.keep_shapes = options_.keep_shapes;
  fold.lines = options_.lines;
  goroutine::DumpFolder folder(fold, &folded_);
  goroutine::DumpInfo info;
  bool ok = goroutine::ParseDump(in, &folder, &bad_, &info, error);
  if (bad_.stopped()) return true;  // --strict: the tool reports it
  if (info.truncated) {
    warnings_.push_back(in->name() + ": dump is cut off at line " +
                        std::to_string(info.truncated_line) +
                        "; everything before it is counted");
  }
  if (ok && info.records == 0) {
    *error = in->name() + ": no goroutines found";
    return false;
  }
  return ok;
}

bool InputFolder::AddDtrace(io::InputFile* in, std::string* error) {
  io::LineReader reader(in);
  return dtrace::FoldDtrace(&reader, &folded_, &bad_, error);
}

bool InputFolder::AddFolded(io::InputFile* in, std::string* error) {
  io::LineReader reader(in);
  if (stack::ReadFolded(&reader, &folded_, &bad_) || bad_.stopped()) {
    return true;
  }
  *error = reader.error();
  return false;
}

}  // namespace formats
