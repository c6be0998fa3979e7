// The Xapian index (see text_index.hpp). Xapian errors become AnalysisError here.
#include "analysis/index/text_index.hpp"

#include <xapian.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include <nlohmann/json.hpp>

#include "analysis/analysis_error.hpp"
#include "analysis/index/terms.hpp"
#include "analysis/index/xapian_errors.hpp"

namespace lyssna::analysis {
namespace {

constexpr const char* watermark_key = "lyssna.indexed_through";
constexpr const char* fingerprint_key = "lyssna.fingerprint";
constexpr const char* set_aside_key = "lyssna.set_aside";

}  // namespace

std::string index_path_for(const std::string& db_path) {
  return db_path + ".index";
}

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
      // A writer that has just created the index commits its first, empty
      // revision at once (below); until then the directory cannot be read.
      for (int attempt = 0;; ++attempt) {
        try {
          readable_ = std::make_unique<Xapian::Database>(path);
          return;
        } catch (const Xapian::DatabaseOpeningError&) {
          if (attempt == 50) throw;
          std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
      }
    }
    const bool existed = std::filesystem::exists(path);
    int flags = mode == Mode::rebuild ? Xapian::DB_CREATE_OR_OVERWRITE : Xapian::DB_CREATE_OR_OPEN;
    writable_ = std::make_unique<Xapian::WritableDatabase>(path, flags);
    fresh_ = mode == Mode::rebuild;
    // Readers can open only a committed index: a new one is readable (and
    // empty) while its first documents are being added, not only after.
    if (!existed) writable_->commit();
  } catch (const Xapian::DatabaseLockError&) {
    throw IndexBusy("the text index " + path +
                    " is being written by another process (a running `lyssna serve`?)");
  } catch (const Xapian::Error& e) {
    rethrow_xapian_error(e, "cannot open the text index " + path);
  }
}

const Xapian::Database& TextIndex::database() const {
  return writable_ ? static_cast<const Xapian::Database&>(*writable_) : *readable_;
}

void TextIndex::reopen() const {
  try {
    // A handle shares its database with its copies: reopening a copy moves
    // this one too.
    Xapian::Database handle = database();
    handle.reopen();
  } catch (const Xapian::Error& e) {
    rethrow_xapian_error(e, "cannot reopen the text index");
  }
}

int64_t TextIndex::indexed_through() const {
  try {
    std::string v = database().get_metadata(watermark_key);
    return v.empty() ? 0 : std::stoll(v);
  } catch (const Xapian::Error& e) {
    rethrow_xapian_error(e, "cannot read the text index");
  }
}

std::string TextIndex::fingerprint() const {
  try {
    return database().get_metadata(fingerprint_key);
  } catch (const Xapian::Error& e) {
    rethrow_xapian_error(e, "cannot read the text index");
  }
}

std::vector<SetAsideRecord> TextIndex::set_aside() const {
  std::string stored;
  try {
    stored = database().get_metadata(set_aside_key);
  } catch (const Xapian::Error& e) {
    rethrow_xapian_error(e, "cannot read the text index");
  }
  std::vector<SetAsideRecord> out;
  if (stored.empty()) return out;
  try {
    for (const auto& r : nlohmann::json::parse(stored)) {
      out.push_back({r.at("seq").get<int64_t>(), r.at("survey").get<std::string>(),
                     r.at("id").get<std::string>(), r.at("reason").get<std::string>()});
    }
  } catch (const nlohmann::json::exception& e) {
    throw AnalysisError(
        std::string("the text index's list of set-aside responses is unreadable: ") + e.what());
  }
  return out;
}

void TextIndex::record_set_aside(const std::vector<SetAsideRecord>& records) {
  if (!writable_) throw AnalysisError("the text index is open read-only");
  nlohmann::json list = nlohmann::json::array();
  for (const auto& r : records) {
    list.push_back({{"seq", r.seq}, {"survey", r.survey}, {"id", r.id}, {"reason", r.reason}});
  }
  try {
    // An empty list removes the key, so an index that never set anything aside has none.
    writable_->set_metadata(set_aside_key, records.empty() ? std::string() : list.dump());
  } catch (const Xapian::Error& e) {
    rethrow_xapian_error(e, "cannot write the text index");
  }
}

void TextIndex::put(const Xapian::Document& doc, const std::string& unique) {
  if (!writable_) throw AnalysisError("the text index is open read-only");
  try {
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
      if ((*t).size() > max_term_bytes) {
        throw RejectedDocument("a term of " + std::to_string((*t).size()) +
                               " bytes, over Xapian's limit of " + std::to_string(max_term_bytes));
      }
    }
    if (fresh_) {
      writable_->add_document(doc);
    } else {
      writable_->replace_document(unique, doc);
    }
  } catch (const Xapian::Error& e) {
    rethrow_xapian_error(e, "cannot write the text index");
  }
}

void TextIndex::commit(int64_t indexed_through, const std::string& fingerprint) {
  if (!writable_) throw AnalysisError("the text index is open read-only");
  try {
    writable_->set_metadata(watermark_key, std::to_string(indexed_through));
    writable_->set_metadata(fingerprint_key, fingerprint);
    writable_->commit();
  } catch (const Xapian::Error& e) {
    rethrow_xapian_error(e, "cannot commit the text index");
  }
}

}  // namespace lyssna::analysis
