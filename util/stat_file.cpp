// SPSS and Stata files over libreadstat's writer (see stat_file.hpp).
#include "util/stat_file.hpp"

#include <readstat.h>

#include <algorithm>
#include <cctype>

#include "util/errors.hpp"
#include "util/utf8_prefix.hpp"

namespace lyssna::util {
namespace {

// Words neither format takes as a variable name (Stata's reserved names and
// SPSS's keywords), compared without case.
constexpr std::string_view reserved[] = {
    "_all",  "_b",    "_coef", "_cons",  "_n",    "_N", "_pi",    "_pred", "_rc",
    "_se",   "_skip", "byte",  "double", "float", "if", "in",     "int",   "long",
    "using", "with",  "strL",  "all",    "and",   "by", "eq",     "ge",    "gt",
    "le",    "lt",    "ne",    "not",    "or",    "to", "_weight"};

bool same_ascii(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

bool is_reserved(std::string_view name) {
  if (std::any_of(std::begin(reserved), std::end(reserved),
                  [&](std::string_view r) { return same_ascii(r, name); }))
    return true;
  // Stata's str1 ... str2045 name types.
  return name.size() > 3 && same_ascii(name.substr(0, 3), "str") &&
         name.find_first_not_of("0123456789", 3) == std::string_view::npos;
}

}  // namespace

void StatFileWriter::Free::operator()(readstat_writer_s* writer) const {
  readstat_writer_free(writer);
}

StatFileWriter::StatFileWriter(StatFormat format, std::ostream& out)
    : format_(format), out_(out), writer_(readstat_writer_init()) {
  if (!writer_) throw Error("SPSS/Stata writer: out of memory");
  check(readstat_set_data_writer(
            writer_.get(),
            [](const void* d, size_t n, void* self) -> ssize_t { return write_bytes(d, n, self); }),
        "setting up");
  check(readstat_writer_set_error_handler(writer_.get(), on_error), "setting up");
  if (format_ == StatFormat::dta) {
    // 118: Stata 14 and later, UTF-8 text.
    check(readstat_writer_set_file_format_version(writer_.get(), 118), "setting up");
  } else {
    // Row compression: a wide string column of short answers costs a byte per 8 blanks.
    check(readstat_writer_set_compression(writer_.get(), READSTAT_COMPRESS_ROWS), "setting up");
  }
}

StatFileWriter::~StatFileWriter() = default;

long StatFileWriter::write_bytes(const void* data, size_t length, void* self) {
  auto& w = *static_cast<StatFileWriter*>(self);
  w.out_.write(static_cast<const char*>(data), static_cast<std::streamsize>(length));
  return w.out_ ? static_cast<long>(length) : -1;
}

void StatFileWriter::on_error(const char* message, void* self) {
  if (self && message) static_cast<StatFileWriter*>(self)->message_ = message;
}

void StatFileWriter::check(int error, const char* what) {
  if (error == READSTAT_OK) return;
  std::string text = std::string(format_ == StatFormat::dta ? "Stata" : "SPSS") + " file: " + what +
                     ": " + readstat_error_message(static_cast<readstat_error_t>(error));
  if (!message_.empty()) text += " (" + message_ + ")";
  if (error == READSTAT_ERROR_WRITE) text += " (disk full or closed pipe?)";
  throw Error(text);
}

size_t StatFileWriter::max_string_bytes() const {
  return format_ == StatFormat::dta ? 2045 : 32767;
}

std::string StatFileWriter::unique_name(std::string_view wanted, bool label_set) {
  const size_t max = format_ == StatFormat::dta ? 32 : 64;
  std::string base;
  for (char c : wanted) {
    const bool ok = std::isalnum(static_cast<unsigned char>(c)) || c == '_';
    base.push_back(ok && static_cast<unsigned char>(c) < 0x80 ? c : '_');
  }
  if (base.empty() || !std::isalpha(static_cast<unsigned char>(base[0]))) base.insert(0, "v");
  base.resize(std::min(base.size(), max));
  if (is_reserved(base)) base = base.substr(0, max - 1) + "_";
  auto& taken = label_set ? label_set_names_ : names_;
  std::string name = base;
  for (int i = 2; std::any_of(taken.begin(), taken.end(),
                              [&](const std::string& t) { return same_ascii(t, name); });
       ++i) {
    const std::string suffix = "_" + std::to_string(i);
    name = base.substr(0, max - suffix.size()) + suffix;
  }
  taken.push_back(name);
  return name;
}

std::string StatFileWriter::variable_label(std::string_view label) const {
  if (format_ == StatFormat::dta) {
    return std::string(utf8_prefix_bytes(utf8_prefix_chars(label, 80), 320));
  }
  return std::string(utf8_prefix_bytes(label, 255));
}

size_t StatFileWriter::add_value_labels(std::string_view name,
                                        const std::vector<StatValueLabel>& labels) {
  if (begun_) throw Error("SPSS/Stata file: value labels after the data began");
  const std::string valid = unique_name(name, true);
  readstat_label_set_t* set =
      readstat_add_label_set(writer_.get(), READSTAT_TYPE_INT32, valid.c_str());
  if (!set) throw Error("SPSS/Stata file: out of memory");
  const size_t max_label = format_ == StatFormat::dta ? 32000 : 120;
  for (const auto& l : labels) {
    const std::string text(utf8_prefix_bytes(l.label, max_label));
    readstat_label_int32_value(set, l.value, text.c_str());
  }
  label_sets_.push_back(set);
  return label_sets_.size() - 1;
}

size_t StatFileWriter::add(std::string_view name, std::string_view label, Kind kind, size_t width,
                           size_t labels) {
  if (begun_) throw Error("SPSS/Stata file: a variable after the data began");
  Variable v{unique_name(name, false), kind, width, nullptr};
  const readstat_type_t type = kind == Kind::text     ? READSTAT_TYPE_STRING
                               : kind == Kind::number ? READSTAT_TYPE_DOUBLE
                                                      : READSTAT_TYPE_INT32;
  v.handle = readstat_add_variable(writer_.get(), v.name.c_str(), type, width);
  if (!v.handle) throw Error("SPSS/Stata file: out of memory");
  const std::string text = variable_label(label);
  if (!text.empty()) readstat_variable_set_label(v.handle, text.c_str());
  if (labels != none) readstat_variable_set_label_set(v.handle, label_sets_.at(labels));
  readstat_variable_set_measure(v.handle, kind == Kind::code   ? READSTAT_MEASURE_NOMINAL
                                          : kind == Kind::text ? READSTAT_MEASURE_NOMINAL
                                                               : READSTAT_MEASURE_SCALE);
  variables_.push_back(std::move(v));
  return variables_.size() - 1;
}

size_t StatFileWriter::add_code(std::string_view name, std::string_view label, size_t labels) {
  return add(name, label, Kind::code, 0, labels);
}

size_t StatFileWriter::add_number(std::string_view name, std::string_view label) {
  return add(name, label, Kind::number, 0, none);
}

size_t StatFileWriter::add_text(std::string_view name, std::string_view label, size_t width) {
  if (width < 1 || width > max_string_bytes()) {
    throw Error("SPSS/Stata file: a string variable is 1 to " + std::to_string(max_string_bytes()) +
                " bytes wide");
  }
  return add(name, label, Kind::text, width, none);
}

void StatFileWriter::add_note(std::string_view note) {
  if (begun_) throw Error("SPSS/Stata file: a note after the data began");
  // SPSS documents are lines of 80 bytes; Stata takes the same lines.
  while (!note.empty()) {
    std::string_view line = utf8_prefix_bytes(note, 80);
    if (line.size() < note.size()) {
      if (auto space = line.rfind(' '); space != std::string_view::npos && space > 0)
        line = line.substr(0, space + 1);
    }
    const std::string copy(line);
    readstat_add_note(writer_.get(), copy.c_str());
    note.remove_prefix(line.size());
  }
}

void StatFileWriter::set_file_label(std::string_view label) {
  const std::string text(utf8_prefix_bytes(label, format_ == StatFormat::dta ? 80 : 64));
  check(readstat_writer_set_file_label(writer_.get(), text.c_str()), "the file label");
}

void StatFileWriter::begin(int64_t rows) {
  if (begun_) throw Error("SPSS/Stata file: begun twice");
  if (rows < 0 || rows > 2147483647) throw Error("SPSS/Stata file: too many rows");
  begun_ = true;
  rows_ = rows;
  row_.assign(variables_.size(), Value{});
  const long n = static_cast<long>(rows);
  check(format_ == StatFormat::dta ? readstat_begin_writing_dta(writer_.get(), this, n)
                                   : readstat_begin_writing_sav(writer_.get(), this, n),
        "the header");
  check(readstat_validate_metadata(writer_.get()), "the file's metadata");
  for (const auto& v : variables_) {
    check(readstat_validate_variable(writer_.get(), v.handle), ("variable " + v.name).c_str());
  }
}

void StatFileWriter::set_code(size_t variable, int32_t value) {
  auto& v = row_.at(variable);
  v.set = true;
  v.number = value;
}

void StatFileWriter::set_number(size_t variable, double value) {
  auto& v = row_.at(variable);
  v.set = true;
  v.number = value;
}

void StatFileWriter::set_text(size_t variable, std::string_view value) {
  auto& v = row_.at(variable);
  const std::string_view kept = utf8_prefix_bytes(value, variables_.at(variable).width);
  if (kept.size() < value.size()) ++truncated_;
  v.set = true;
  v.text.assign(kept);
}

void StatFileWriter::end_row() {
  if (!begun_) throw Error("SPSS/Stata file: a row before begin()");
  if (written_ >= rows_) throw Error("SPSS/Stata file: more rows than announced");
  readstat_writer_t* w = writer_.get();
  check(readstat_begin_row(w), "a row");
  for (size_t i = 0; i < variables_.size(); ++i) {
    const auto& var = variables_[i];
    auto& value = row_[i];
    int e = READSTAT_OK;
    if (!value.set) {
      e = var.kind == Kind::text ? readstat_insert_string_value(w, var.handle, "")
                                 : readstat_insert_missing_value(w, var.handle);
    } else if (var.kind == Kind::text) {
      e = readstat_insert_string_value(w, var.handle, value.text.c_str());
    } else if (var.kind == Kind::code) {
      e = readstat_insert_int32_value(w, var.handle, static_cast<int32_t>(value.number));
    } else {
      e = readstat_insert_double_value(w, var.handle, value.number);
    }
    check(e, ("a value of " + var.name).c_str());
    value.set = false;
  }
  check(readstat_end_row(w), "a row");
  ++written_;
}

void StatFileWriter::finish() {
  if (!begun_) begin(0);
  if (written_ != rows_) {
    throw Error("SPSS/Stata file: " + std::to_string(written_) + " rows written, " +
                std::to_string(rows_) + " announced");
  }
  check(readstat_end_writing(writer_.get()), "finishing");
  out_.flush();
  if (!out_) throw Error("SPSS/Stata file: writing failed (disk full or closed pipe?)");
}

}  // namespace lyssna::util
