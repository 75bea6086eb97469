#ifndef COMMON_WATCH_HTTP_CLIENT_H_
#define COMMON_WATCH_HTTP_CLIENT_H_

// HTTP GET through libcurl (never a hand-written client), with a connect
// timeout and a whole-request timeout on every request. One handle is kept,
// so successive samples reuse the connection. Counts requests and bytes, so
// spikewatch can say what one sample costs the target.

#include <cstdint>
#include <string>

namespace watch {

class HttpClient {
 public:
  HttpClient(double connect_timeout, double timeout);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // GETs `url` into *body, at most `max_bytes` (more is an error). Returns
  // false with *error ("connection refused", "HTTP 404: ...", "timed out
  // after 10 s").
  bool Get(const std::string& url, size_t max_bytes, std::string* body,
           std::string* error);

  // GETs `url`, keeping only its last `keep_bytes` in *tail (a large page
  // whose numbers are at the end, read in constant memory).
  bool GetTail(const std::string& url, size_t keep_bytes, std::string* tail,
               std::string* error);

  // GETs `url` into the file `path` (streamed, no size limit), allowing
  // `extra_seconds` on top of the timeout (a CPU profile takes its
  // duration). On failure removes the file.
  bool GetToFile(const std::string& url, const std::string& path,
                 double extra_seconds, std::string* error);

  uint64_t requests() const { return requests_; }
  uint64_t bytes() const { return bytes_; }

  struct Sink;  // where a body goes (http_client.cc)

 private:
  bool Perform(const std::string& url, Sink* sink, double extra_seconds,
               std::string* error);

  void* curl_;
  double connect_timeout_;
  double timeout_;
  uint64_t requests_ = 0;
  uint64_t bytes_ = 0;
};

}  // namespace watch

#endif  // COMMON_WATCH_HTTP_CLIENT_H_
