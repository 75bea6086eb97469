#include "common/io/terminal_text.h"

namespace io {

void ReplaceControlBytes(std::string* text) {
  for (char& c : *text) {
    unsigned char u = static_cast<unsigned char>(c);
    if ((u < 0x20 && u != '\n' && u != '\t') || u == 0x7f) c = '?';
  }
}

}  // namespace io
