// Access to the files the binary carries (web/, i18n/ and analysis/data/).
// Setting LYSSNA_DEV_ROOT to a source checkout serves them from disk
// instead, read afresh on every call, so templates and catalogs can be
// edited live (the analysis data is parsed once per process).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lyssna::assets {

struct Asset {
  std::string_view bytes;
  std::string hash;
  std::string mime;
  std::shared_ptr<const std::string> owner;  // keeps disk-read bytes alive
};

std::optional<Asset> find(std::string_view path);
// Like find(), but a missing file is a bug in the build: throws Error.
Asset require(std::string_view path);
// Paths under `prefix` ("i18n/"), sorted.
std::vector<std::string> list(std::string_view prefix);
// True when LYSSNA_DEV_ROOT is set.
bool live_reload();

}  // namespace lyssna::assets
