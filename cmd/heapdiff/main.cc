// heapdiff: what grew between pprof profiles (see --help).
#include <string>
#include <vector>

#include "common/cli/command.h"
#include "common/cli/exit_codes.h"
#include "common/io/output_buffer.h"
#include "common/pprof/diff.h"
#include "common/pprof/load.h"

int main(int argc, char** argv) {
  cli::Command cmd("heapdiff", "heapdiff [options] [BASE] PROFILE [MORE...]",
                   "Compares pprof profiles (heap first)");
  std::string sample_index, granularity = "functions", unit = "minimum";
  int nodecount = 0;
  pprof::DiffOptions o;
  cmd.options().add_options()("sample-index", cli::po::value(&sample_index),
                              "sample type by name or number")(
      "cum", "sort by cumulative value")(
      "diff-base", "percentages of the base total (pprof -diff_base)")(
      "nodecount", cli::po::value(&nodecount), "show at most N rows")(
      "granularity", cli::po::value(&granularity),
      "functions|filefunctions|lines|files|addresses")(
      "unit", cli::po::value(&unit), "output unit")(
      "focus", cli::po::value(&o.focus), "regexp")(
      "ignore", cli::po::value(&o.ignore), "regexp")(
      "hide", cli::po::value(&o.hide), "regexp")(
      "show", cli::po::value(&o.show), "regexp");
  if (auto rc = cmd.Parse(argc, argv)) return *rc;
  o.sample_index = sample_index;
  o.cum_sort = cmd.Has("cum");
  o.diff_base = cmd.Has("diff-base");
  o.node_count = nodecount;
  o.unit = unit;
  if (!pprof::ParseGranularity(granularity, &o.granularity)) {
    return cmd.UsageError("unknown granularity " + granularity);
  }
  const auto& inputs = cmd.inputs();
  std::vector<pprof::LoadedProfile> profiles(inputs.size());
  for (size_t i = 0; i < inputs.size(); ++i) {
    std::string err;
    if (!pprof::LoadProfile(inputs[i], false, &profiles[i], &err)) {
      cmd.Error(err);
      return cli::kExitBadInput;
    }
  }
  pprof::Comparison c;
  std::string err;
  const pprof::Profile* before =
      profiles.size() >= 2 ? &profiles[0].profile : nullptr;
  if (!pprof::Compare(before, profiles.back().profile, o, &c, &err)) {
    cmd.Error(err);
    return cli::kExitBadInput;
  }
  pprof::TopReport r = pprof::TopOfComparison(&c, o);
  std::string text;
  pprof::WriteTopText(r, &text);
  io::OutputBuffer out;
  out.Write(text);
  return 0;
}
