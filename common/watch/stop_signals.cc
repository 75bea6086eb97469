#include "common/watch/stop_signals.h"

#include <signal.h>
#include <time.h>

#include <csignal>

namespace watch {
namespace {

volatile std::sig_atomic_t stop_flag = 0;
volatile std::sig_atomic_t capture_flag = 0;

void OnStop(int) { stop_flag = 1; }
void OnCapture(int) { capture_flag = 1; }

void Install(int sig, void (*handler)(int)) {
  struct sigaction sa = {};
  sa.sa_handler = handler;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = SA_RESTART;  // a capture's downloads go on after a signal
  sigaction(sig, &sa, nullptr);
}

}  // namespace

void InstallWatchSignals() {
  Install(SIGTERM, OnStop);
  Install(SIGINT, OnStop);
  Install(SIGUSR1, OnCapture);
  // A reader of stdout that goes away must not kill the watch mid-capture.
  std::signal(SIGPIPE, SIG_IGN);
}

bool StopRequested() { return stop_flag != 0; }

bool TakeCaptureRequest() {
  if (capture_flag == 0) return false;
  capture_flag = 0;
  return true;
}

void SleepUnlessSignalled(double seconds) {
  // Short naps: a signal that lands between the check and the sleep is
  // seen within 50 ms.
  const long total_ms = static_cast<long>(seconds * 1000);
  for (long ms = 0; ms < total_ms && !stop_flag && !capture_flag; ms += 50) {
    const long step = total_ms - ms < 50 ? total_ms - ms : 50;
    timespec ts{0, step * 1000000};
    nanosleep(&ts, nullptr);
  }
}

}  // namespace watch
