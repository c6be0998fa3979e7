// Embedded file lookup with the development override (see assets.hpp).
#include "assets/assets.hpp"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "assets/embedded_file.hpp"
#include "util/digest.hpp"
#include "util/errors.hpp"

namespace lyssna::assets {
namespace {

const char* dev_root() {
  static const char* root = std::getenv("LYSSNA_DEV_ROOT");
  return root && *root ? root : nullptr;
}

const EmbeddedFile* lookup(std::string_view path) {
  auto files = embedded_files();
  auto it = std::lower_bound(files.begin(), files.end(), path,
                             [](const EmbeddedFile& f, std::string_view p) { return f.path < p; });
  if (it == files.end() || it->path != path) return nullptr;
  return &*it;
}

}  // namespace

bool live_reload() {
  return dev_root() != nullptr;
}

std::optional<Asset> find(std::string_view path) {
  const EmbeddedFile* embedded = lookup(path);
  if (const char* root = dev_root(); root && path.find("..") == std::string_view::npos) {
    std::ifstream in(std::string(root) + "/" + std::string(path), std::ios::binary);
    if (in) {
      std::ostringstream content;
      content << in.rdbuf();
      auto owner = std::make_shared<const std::string>(content.str());
      Asset a{*owner, sha256_hex(*owner).substr(0, 16),
              embedded ? std::string(embedded->mime) : "application/octet-stream", owner};
      return a;
    }
  }
  if (!embedded) return std::nullopt;
  return Asset{embedded->bytes, std::string(embedded->hash), std::string(embedded->mime), nullptr};
}

Asset require(std::string_view path) {
  auto a = find(path);
  if (!a) throw Error("built-in file '" + std::string(path) + "' is missing from this binary");
  return *a;
}

std::vector<std::string> list(std::string_view prefix) {
  std::vector<std::string> out;
  for (const auto& f : embedded_files()) {
    if (f.path.substr(0, prefix.size()) == prefix) out.emplace_back(f.path);
  }
  return out;
}

}  // namespace lyssna::assets
