// QR codes for the phones' join address (see qr_svg.hpp).
#include "render/qr_svg.hpp"

#include <memory>

#include <qrencode.h>

#include "util/errors.hpp"

namespace lyssna::render {
namespace {

struct QrFree {
  void operator()(QRcode* code) const { QRcode_free(code); }
};
using QrPtr = std::unique_ptr<QRcode, QrFree>;

}  // namespace

QrSymbol qr_symbol(const std::string& text, int quiet) {
  if (text.empty()) throw Error("a QR code needs a text");
  QrPtr code(QRcode_encodeData(static_cast<int>(text.size()),
                               reinterpret_cast<const unsigned char*>(text.data()), 0,
                               QR_ECLEVEL_M));
  if (!code) throw Error("cannot encode " + std::to_string(text.size()) + " bytes as a QR code");
  QrSymbol out;
  out.modules = code->width;
  out.quiet = quiet;
  const int n = code->width;
  out.dark.resize(static_cast<size_t>(n) * static_cast<size_t>(n));
  for (int y = 0; y < n; ++y) {
    int x = 0;
    while (x < n) {
      // Bit 0 of each byte is the module's colour (qrencode.h).
      auto is_dark = [&](int col) { return (code->data[y * n + col] & 1) != 0; };
      if (!is_dark(x)) {
        ++x;
        continue;
      }
      int run = x;
      while (run < n && is_dark(run)) {
        out.dark[static_cast<size_t>(y * n + run)] = true;
        ++run;
      }
      // One rectangle per run of dark modules in a row keeps the path short.
      out.path += "M" + std::to_string(x + quiet) + " " + std::to_string(y + quiet) + "h" +
                  std::to_string(run - x) + "v1h-" + std::to_string(run - x) + "z";
      x = run;
    }
  }
  return out;
}

}  // namespace lyssna::render
