// The Xapian index (see text_index.hpp). Xapian errors become AnalysisError here.
#include "analysis/index/text_index.hpp"

#include <xapian.h>

#include <filesystem>

#include "analysis/analysis_error.hpp"

namespace lyssna::analysis {
namespace {

constexpr const char* watermark_key = "lyssna.indexed_through";
constexpr const char* fingerprint_key = "lyssna.fingerprint";

}  // namespace

std::string index_path_for(const std::string& db_path) { return db_path + ".index"; }

TextIndex::TextIndex(const std::string& path, Mode mode) {
  try {
    if (mode == Mode::read_only) {
      if (!std::filesystem::exists(path)) {
        // Create an empty index once, so readers never fail on a new database.
        try {
          Xapian::WritableDatabase(path, Xapian::DB_CREATE_OR_OPEN).commit();
        } catch (const Xapian::DatabaseLockError&) {
        }
      }
      readable_ = std::make_unique<Xapian::Database>(path);
      return;
    }
    int flags = mode == Mode::rebuild ? Xapian::DB_CREATE_OR_OVERWRITE : Xapian::DB_CREATE_OR_OPEN;
    writable_ = std::make_unique<Xapian::WritableDatabase>(path, flags);
    fresh_ = mode == Mode::rebuild;
  } catch (const Xapian::DatabaseLockError&) {
    throw IndexBusy("the text index " + path + " is being written by another process (a running `lyssna serve`?)");
  } catch (const Xapian::Error& e) {
    throw AnalysisError("cannot open the text index " + path + ": " + e.get_description());
  }
}

const Xapian::Database& TextIndex::database() const {
  return writable_ ? static_cast<const Xapian::Database&>(*writable_) : *readable_;
}

int64_t TextIndex::indexed_through() const {
  try {
    std::string v = database().get_metadata(watermark_key);
    return v.empty() ? 0 : std::stoll(v);
  } catch (const Xapian::Error& e) {
    throw AnalysisError("cannot read the text index: " + e.get_description());
  }
}

std::string TextIndex::fingerprint() const {
  try {
    return database().get_metadata(fingerprint_key);
  } catch (const Xapian::Error& e) {
    throw AnalysisError("cannot read the text index: " + e.get_description());
  }
}

void TextIndex::put(const Xapian::Document& doc, const std::string& unique) {
  if (!writable_) throw AnalysisError("the text index is open read-only");
  try {
    if (fresh_) {
      writable_->add_document(doc);
    } else {
      writable_->replace_document(unique, doc);
    }
  } catch (const Xapian::Error& e) {
    throw AnalysisError("cannot write the text index: " + e.get_description());
  }
}

void TextIndex::commit(int64_t indexed_through, const std::string& fingerprint) {
  if (!writable_) throw AnalysisError("the text index is open read-only");
  try {
    writable_->set_metadata(watermark_key, std::to_string(indexed_through));
    writable_->set_metadata(fingerprint_key, fingerprint);
    writable_->commit();
  } catch (const Xapian::Error& e) {
    throw AnalysisError("cannot commit the text index: " + e.get_description());
  }
}

}  // namespace lyssna::analysis
