// A QR code as SVG template data (web/templates/qr.html draws it): the
// modules of libqrencode's symbol as one path of unit squares, with the
// quiet zone the standard asks for around them. Pure; thread-safe.
#pragma once

#include <string>
#include <vector>

namespace lyssna::render {

struct QrSymbol {
  int modules = 0;  // the symbol's width in modules, without the quiet zone
  int quiet = 4;    // modules of light margin on each side
  int size() const { return modules + 2 * quiet; }  // the viewBox's width and height
  std::vector<bool> dark;                           // modules x modules, row by row
  // The dark modules as an SVG path ("M4 4h1v1h-1z..."): only digits and
  // the letters M h v z and spaces, so escaping leaves it as it is.
  std::string path;
};

// Encodes `text` (8-bit mode, error correction level M). Throws Error when
// libqrencode cannot (empty text, longer than a symbol holds).
QrSymbol qr_symbol(const std::string& text, int quiet = 4);

}  // namespace lyssna::render
