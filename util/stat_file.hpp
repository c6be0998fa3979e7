// SPSS (.sav) and Stata (.dta) data files written row by row through
// libreadstat's writer into an ostream: the variables and their labels are
// declared first, then begin() with the number of rows (both formats put
// it in their header), then the rows. Memory holds one row, whatever the
// number of rows.
#pragma once

#include <cstdint>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

struct readstat_writer_s;
struct readstat_variable_s;
struct readstat_label_set_s;

namespace lyssna::util {

enum class StatFormat { sav, dta };

struct StatValueLabel {
  int32_t value = 0;
  std::string label;
};

// Not thread-safe. Every method throws Error when readstat refuses (its own
// message in the text) or the stream fails.
class StatFileWriter {
 public:
  static constexpr size_t none = static_cast<size_t>(-1);

  StatFileWriter(StatFormat format, std::ostream& out);
  ~StatFileWriter();
  StatFileWriter(const StatFileWriter&) = delete;
  StatFileWriter& operator=(const StatFileWriter&) = delete;

  // --- before begin() -------------------------------------------------
  // Names are made valid for the format (ASCII letters, digits and _,
  // beginning with a letter, at most 32 bytes for Stata and 64 for SPSS,
  // no reserved word) and unique; labels are cut to the format's limits
  // (Stata: 80 characters for a variable, SPSS: 255 bytes for a variable
  // and 120 for a value label).
  // A set of value labels for integer codes; returns its handle.
  size_t add_value_labels(std::string_view name, const std::vector<StatValueLabel>& labels);
  // An integer-coded variable (`labels` a handle from add_value_labels, or none).
  size_t add_code(std::string_view name, std::string_view label, size_t labels = none);
  // A numeric variable (doubles).
  size_t add_number(std::string_view name, std::string_view label);
  // A string variable `width` bytes wide (1 to max_string_bytes()).
  size_t add_text(std::string_view name, std::string_view label, size_t width);
  // A note in the file (SPSS document lines, Stata notes); long notes are
  // split into lines of at most 80 bytes.
  void add_note(std::string_view note);
  void set_file_label(std::string_view label);

  // The widest string the format holds: Stata 2045 bytes (str2045),
  // SPSS 32767.
  size_t max_string_bytes() const;
  // The variable's name as written.
  const std::string& name(size_t variable) const { return variables_.at(variable).name; }

  // --- the data -------------------------------------------------------
  void begin(int64_t rows);
  // One row: values set for it (unset ones are missing), then end_row().
  void set_code(size_t variable, int32_t value);
  void set_number(size_t variable, double value);
  // Cut to the variable's width at a character boundary (counted in truncated()).
  void set_text(size_t variable, std::string_view value);
  void end_row();
  // After the last row: the file is complete. Throws Error when fewer or
  // more rows were written than begin() said.
  void finish();

  // Texts cut to their variable's width so far.
  int64_t truncated() const { return truncated_; }

 private:
  enum class Kind { code, number, text };
  struct Variable {
    std::string name;
    Kind kind;
    size_t width = 0;
    readstat_variable_s* handle = nullptr;
  };
  struct Value {
    bool set = false;
    double number = 0;
    std::string text;
  };
  struct Free {
    void operator()(readstat_writer_s* writer) const;
  };

  std::string unique_name(std::string_view wanted, bool label_set);
  std::string variable_label(std::string_view label) const;
  size_t add(std::string_view name, std::string_view label, Kind kind, size_t width, size_t labels);
  void check(int error, const char* what);
  static long write_bytes(const void* data, size_t length, void* self);
  static void on_error(const char* message, void* self);

  StatFormat format_;
  std::ostream& out_;
  std::unique_ptr<readstat_writer_s, Free> writer_;
  std::vector<Variable> variables_;
  std::vector<std::string> names_, label_set_names_;
  std::vector<readstat_label_set_s*> label_sets_;
  std::vector<Value> row_;
  std::string message_;  // readstat's own text of the last error
  bool begun_ = false;
  int64_t rows_ = 0, written_ = 0, truncated_ = 0;
};

}  // namespace lyssna::util
