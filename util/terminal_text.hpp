// Text from residents made safe to print on a terminal: control characters
// (escape sequences) and the bidirectional controls that can reorder what a
// reader sees are made visible or removed, so a cell shows what it holds.
#pragma once

#include <string>
#include <string_view>

namespace lyssna::text {

// - tab, line feed, carriage return, U+2028 and U+2029: a space (one line per row);
// - other C0 and C1 controls and DEL (ESC sequences), the bidi embeddings,
//   overrides and isolates (U+202A–U+202E, U+2066–U+2069) and invalid UTF-8: U+FFFD �;
// - the bidi marks U+200E, U+200F and U+061C: removed (they only nudge the
//   order of neighbouring punctuation, and right-to-left text uses them).
// Everything else is kept, joiners in Persian words included.
std::string for_terminal(std::string_view s);

}  // namespace lyssna::text
