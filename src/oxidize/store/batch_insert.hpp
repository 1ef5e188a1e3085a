#pragma once
// Rows inserted many at a time: one prepared `INSERT ... VALUES (...), (...)`
// for `batch` rows, and a one-row statement for the last few. SQLite's cost
// per executed statement (setup, opening cursors, the foreign-key lookups'
// cursors) is then paid once per batch: a quarter less time for the
// hundreds of thousands of function rows of a big tree.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <tl/expected.hpp>

#include "oxidize/store/sqlite.hpp"

namespace oxidize::store {

class BatchInsert {
 public:
  // `table` with its column list, as in "functions (content_id, ordinal, name)".
  static tl::expected<BatchInsert, std::string> prepare(sqlite::Database& db, std::string_view table, int columns,
                                                        int batch = 32);

  // The values of the current row, by 0-based column. Strings and blobs are
  // not copied: they must live until flush().
  void set(int column, std::int64_t value) { slot(column) = {Kind::integer, value, {}}; }
  void set_text(int column, std::string_view value) { slot(column) = {Kind::text, 0, value}; }
  void set_blob(int column, std::string_view value) { slot(column) = {Kind::blob, 0, value}; }

  // Ends the row; runs the batch when it is full.
  tl::expected<void, std::string> end_row();
  // Inserts the rows still waiting. Call it before the transaction commits,
  // and before reading anything these rows should be seen in.
  tl::expected<void, std::string> flush();

 private:
  enum class Kind : std::uint8_t { integer, text, blob };
  struct Value {
    Kind kind = Kind::integer;
    std::int64_t integer = 0;
    std::string_view bytes;
  };

  BatchInsert(sqlite::Statement many, sqlite::Statement one, int columns, int batch);
  Value& slot(int column) { return m_values[static_cast<std::size_t>(m_rows * m_columns + column)]; }
  void bind_rows(sqlite::Statement& s, int first_row, int rows);

  sqlite::Statement m_many;
  sqlite::Statement m_one;
  int m_columns;
  int m_batch;
  int m_rows = 0;  // complete rows waiting
  std::vector<Value> m_values;
};

}  // namespace oxidize::store
