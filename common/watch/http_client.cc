#include "common/watch/http_client.h"

#include <curl/curl.h>

#include <cstdio>

namespace watch {

// Where a response body goes: a string (with a limit) or a file.
struct HttpClient::Sink {
  std::string* body = nullptr;
  size_t max_bytes = 0;
  std::FILE* file = nullptr;
  uint64_t bytes = 0;
  bool too_big = false;
  bool keep_tail = false;  // over max_bytes: drop the front instead
};

namespace {

size_t WriteBody(char* data, size_t size, size_t n, void* user) {
  auto* sink = static_cast<HttpClient::Sink*>(user);
  const size_t len = size * n;
  sink->bytes += len;
  if (sink->file != nullptr) {
    return std::fwrite(data, 1, len, sink->file) == len ? len : 0;
  }
  if (sink->keep_tail) {
    sink->body->append(data, len);
    if (sink->body->size() > 2 * sink->max_bytes) {
      sink->body->erase(0, sink->body->size() - sink->max_bytes);
    }
    return len;
  }
  if (sink->body->size() + len > sink->max_bytes) {
    sink->too_big = true;
    return 0;  // aborts the transfer
  }
  sink->body->append(data, len);
  return len;
}

// The first 200 bytes of a body on one line (net/http/pprof explains its
// failures there: "Could not enable CPU profiling: ...").
std::string OneLine(const std::string& text) {
  std::string s;
  for (char c : text.substr(0, 200)) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (u < ' ' || u == 0x7f) {
      if (!s.empty() && s.back() != ' ') s += ' ';
    } else {
      s += c;
    }
  }
  while (!s.empty() && s.back() == ' ') s.pop_back();
  return s;
}

}  // namespace

HttpClient::HttpClient(double connect_timeout, double timeout)
    : curl_(nullptr), connect_timeout_(connect_timeout), timeout_(timeout) {
  static const bool init = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
  if (init) curl_ = curl_easy_init();
}

HttpClient::~HttpClient() {
  if (curl_ != nullptr) curl_easy_cleanup(static_cast<CURL*>(curl_));
}

bool HttpClient::Perform(const std::string& url, Sink* sink,
                         double extra_seconds, std::string* error) {
  CURL* c = static_cast<CURL*>(curl_);
  if (c == nullptr) {
    *error = "cannot initialise libcurl";
    return false;
  }
  char curl_error[CURL_ERROR_SIZE] = "";
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS,
                   static_cast<long>(connect_timeout_ * 1000));
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS,
                   static_cast<long>((timeout_ + extra_seconds) * 1000));
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(c, CURLOPT_MAXREDIRS, 3L);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, WriteBody);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, sink);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, curl_error);
  ++requests_;
  const CURLcode rc = curl_easy_perform(c);
  bytes_ += sink->bytes;
  if (sink->too_big) {
    *error =
        "response larger than " + std::to_string(sink->max_bytes) + " bytes";
    return false;
  }
  if (rc != CURLE_OK) {
    *error = curl_error[0] ? curl_error : curl_easy_strerror(rc);
    return false;
  }
  long code = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
  if (code != 200) {
    *error = "HTTP " + std::to_string(code);
    if (sink->body != nullptr && !sink->body->empty()) {
      *error += ": " + OneLine(*sink->body);
    }
    return false;
  }
  return true;
}

bool HttpClient::Get(const std::string& url, size_t max_bytes,
                     std::string* body, std::string* error) {
  body->clear();
  Sink sink;
  sink.body = body;
  sink.max_bytes = max_bytes;
  if (!Perform(url, &sink, 0, error)) {
    *error = url + ": " + *error;
    return false;
  }
  return true;
}

bool HttpClient::GetTail(const std::string& url, size_t keep_bytes,
                         std::string* tail, std::string* error) {
  tail->clear();
  Sink sink;
  sink.body = tail;
  sink.max_bytes = keep_bytes;
  sink.keep_tail = true;
  if (!Perform(url, &sink, 0, error)) {
    *error = url + ": " + *error;
    return false;
  }
  return true;
}

bool HttpClient::GetToFile(const std::string& url, const std::string& path,
                           double extra_seconds, std::string* error) {
  Sink sink;
  sink.file = std::fopen(path.c_str(), "wb");
  if (sink.file == nullptr) {
    *error = path + ": cannot create";
    return false;
  }
  bool ok = Perform(url, &sink, extra_seconds, error);
  if (std::fclose(sink.file) != 0 && ok) {
    *error = "cannot write";
    ok = false;
  }
  if (ok && sink.bytes == 0) {
    *error = "empty response";
    ok = false;
  }
  if (!ok) {
    // net/http/pprof says why in the body ("Could not enable CPU
    // profiling: cpu profiling already in use").
    if (error->rfind("HTTP ", 0) == 0) {
      if (std::FILE* f = std::fopen(path.c_str(), "rb")) {
        char head[200];
        const size_t n = std::fread(head, 1, sizeof head, f);
        std::fclose(f);
        if (n > 0) *error += ": " + OneLine(std::string(head, n));
      }
    }
    *error = url + ": " + *error;
    std::remove(path.c_str());
  }
  return ok;
}

}  // namespace watch
