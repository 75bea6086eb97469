#ifndef COMMON_CLI_EXIT_CODES_H_
#define COMMON_CLI_EXIT_CODES_H_

namespace cli {

// Exit statuses every tool uses (see README "Exit codes").
constexpr int kExitOk = 0;        // success
constexpr int kExitFinding = 1;   // a finding the user asked to fail on
constexpr int kExitBadInput = 2;  // bad usage, or input that cannot be read

}  // namespace cli

#endif  // COMMON_CLI_EXIT_CODES_H_
