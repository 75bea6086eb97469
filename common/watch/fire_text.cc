#include "common/watch/fire_text.h"

namespace watch {

std::string FireEvidence(const Fire& fire) {
  std::string s = "avg=" + FormatValue(fire.metric, fire.average);
  s += " window=" + std::to_string(fire.window);
  s += " rule=" + (fire.rule ? fire.rule->text : std::string("?"));
  s += " by=";
  s += FiredByName(fire.by);
  return s;
}

}  // namespace watch
