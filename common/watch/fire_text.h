#ifndef COMMON_WATCH_FIRE_TEXT_H_
#define COMMON_WATCH_FIRE_TEXT_H_

#include <string>

#include "common/watch/rule_engine.h"

namespace watch {

// The evidence of a fire, the same in --replay and the live watch:
// "avg=210 window=10 rule=goroutines:min=100,diff=50% by=diff".
std::string FireEvidence(const Fire& fire);

}  // namespace watch

#endif  // COMMON_WATCH_FIRE_TEXT_H_
