#ifndef COMMON_WATCH_STOP_SIGNALS_H_
#define COMMON_WATCH_STOP_SIGNALS_H_

// The signals spikewatch answers: SIGUSR1 asks for a capture now,
// SIGTERM/SIGINT for a clean stop after the capture in progress. The
// handlers only set flags; the watch loop reads them between steps.

namespace watch {

void InstallWatchSignals();
bool StopRequested();
// True once per SIGUSR1 received (the flag is cleared).
bool TakeCaptureRequest();
// Sleeps up to `seconds`, waking early when a stop or capture is asked.
void SleepUnlessSignalled(double seconds);

}  // namespace watch

#endif  // COMMON_WATCH_STOP_SIGNALS_H_
