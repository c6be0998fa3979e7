// Many stored responses read in one statement: by record id (the answers
// behind a page of search hits or a theme's quotes) or by arrival number
// (the responses the text index set aside). One query per batch, never one
// per record.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "collector/storage/response_store.hpp"
#include "collector/storage/sqlite.hpp"

namespace lyssna::storage {

// The survey's records with these ids, in no particular order; ids that do
// not exist are left out.
std::vector<RawRecord> raw_records_by_id(Database& db, const std::string& survey,
                                         const std::vector<std::string>& ids);
// The records with these arrival numbers, in arrival order.
std::vector<RawRecord> raw_records_by_seq(Database& db, const std::vector<int64_t>& seqs);

}  // namespace lyssna::storage
