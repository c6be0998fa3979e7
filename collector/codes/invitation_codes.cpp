// Invitation code generation, normalisation and digests (see invitation_codes.hpp).
#include "collector/codes/invitation_codes.hpp"

#include "util/digest.hpp"
#include "util/random.hpp"

namespace lyssna::codes {
namespace {

constexpr std::string_view alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

}  // namespace

std::string generate_code() {
  std::string code;
  for (size_t i = 0; i < code_symbols; ++i) {
    if (i > 0 && i % 4 == 0) code.push_back('-');
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
  if (out.size() != code_symbols && out.size() != legacy_code_symbols) return std::nullopt;
  return out;
}

bool is_legacy_code(std::string_view normalized) {
  return normalized.size() == legacy_code_symbols;
}

std::string code_digest(std::string_view key, std::string_view normalized) {
  if (is_legacy_code(normalized)) {
    return sha256_hex(std::string("lyssna-invitation-code:") + std::string(normalized));
  }
  return hmac_sha256_hex(key, std::string("lyssna-invitation-code:") + std::string(normalized));
}

}  // namespace lyssna::codes
