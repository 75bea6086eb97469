#include "common/watch/subprocess.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace watch {
namespace {

// The last non-empty line of what the program wrote on stderr (at most 4 KB
// are kept), without control bytes.
std::string LastLine(int fd) {
  std::string text;
  char buf[4096];
  ::lseek(fd, 0, SEEK_SET);
  ssize_t n;
  while ((n = ::read(fd, buf, sizeof buf)) > 0) {
    text.append(buf, static_cast<size_t>(n));
    if (text.size() > 8192) text.erase(0, text.size() - 4096);
  }
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) {
    text.pop_back();
  }
  const size_t nl = text.rfind('\n');
  std::string line = nl == std::string::npos ? text : text.substr(nl + 1);
  for (char& c : line) {
    if (static_cast<unsigned char>(c) < ' ' || c == 0x7f) c = ' ';
  }
  return line;
}

void SleepMillis(long ms) {
  timespec ts{ms / 1000, (ms % 1000) * 1000000};
  while (::nanosleep(&ts, &ts) != 0 && errno == EINTR) {
  }
}

// Child side: redirect and exec; never returns.
[[noreturn]] void Exec(const std::vector<std::string>& argv,
                       const std::string& stdout_path, int err_fd) {
  const int out =
      ::open(stdout_path.empty() ? "/dev/null" : stdout_path.c_str(),
             O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  const int in = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  if (out < 0 || in < 0) ::_exit(126);
  ::dup2(in, 0);
  ::dup2(out, 1);
  ::dup2(err_fd, 2);
  std::vector<char*> args;
  for (const std::string& a : argv)
    args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  ::execvp(args[0], args.data());
  ::_exit(127);
}

}  // namespace

bool OnPath(const std::string& name) {
  const char* path = std::getenv("PATH");
  std::string dirs = path ? path : "/usr/bin:/bin";
  size_t start = 0;
  while (start <= dirs.size()) {
    size_t end = dirs.find(':', start);
    if (end == std::string::npos) end = dirs.size();
    const std::string full = dirs.substr(start, end - start) + "/" + name;
    if (::access(full.c_str(), X_OK) == 0) return true;
    start = end + 1;
  }
  return false;
}

bool RunProgram(const std::vector<std::string>& argv,
                const std::string& stdout_path, double timeout,
                std::string* error) {
  char err_name[] = "/tmp/spikewatch-err.XXXXXX";
  const int err_fd = ::mkstemp(err_name);
  if (err_fd < 0) {
    *error = "cannot create a temporary file";
    return false;
  }
  ::unlink(err_name);
  const pid_t child = ::fork();
  if (child < 0) {
    ::close(err_fd);
    *error = std::string("fork: ") + std::strerror(errno);
    return false;
  }
  if (child == 0) Exec(argv, stdout_path, err_fd);
  int status = 0;
  long waited = 0;
  bool killed = false;
  while (::waitpid(child, &status, WNOHANG) == 0) {
    if (!killed && waited >= static_cast<long>(timeout * 1000)) {
      ::kill(child, SIGKILL);
      killed = true;
    }
    SleepMillis(50);
    waited += 50;
  }
  const std::string last = LastLine(err_fd);
  ::close(err_fd);
  if (killed) {
    *error = argv[0] + " did not finish in " +
             std::to_string(static_cast<long>(timeout)) + " s";
    return false;
  }
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return true;
  if (WIFEXITED(status) && WEXITSTATUS(status) == 127) {
    *error = argv[0] + ": not found";
  } else {
    *error = argv[0] + " failed" + (last.empty() ? "" : ": " + last);
  }
  return false;
}

}  // namespace watch
