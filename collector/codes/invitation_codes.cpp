// Invitation code generation and normalisation (see invitation_codes.hpp).
#include "collector/codes/invitation_codes.hpp"

#include "util/random.hpp"
#include "util/sha256.hpp"

namespace lyssna::codes {
namespace {

constexpr std::string_view alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
constexpr size_t code_symbols = 10;

}  // namespace

std::string generate_code() {
  std::string code;
  for (size_t i = 0; i < code_symbols; ++i) {
    if (i == 4 || i == 8) code.push_back('-');
    code.push_back(alphabet[random::below(static_cast<uint32_t>(alphabet.size()))]);
  }
  return code;
}

std::optional<std::string> normalize_code(std::string_view typed) {
  std::string out;
  for (char c : typed) {
    if (c == ' ' || c == '-' || c == '\t') continue;
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (alphabet.find(c) == std::string_view::npos) return std::nullopt;
    out.push_back(c);
    if (out.size() > code_symbols) return std::nullopt;
  }
  if (out.size() != code_symbols) return std::nullopt;
  return out;
}

std::string hash_code(std::string_view normalized) {
  return sha256_hex(std::string("lyssna-invitation-code:") + std::string(normalized));
}

}  // namespace lyssna::codes
