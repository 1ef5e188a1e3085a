#include "oxidize/store/batch_insert.hpp"

#include "oxidize/store/try.hpp"

namespace oxidize::store {

namespace {

std::string values_clause(int columns, int rows) {
  std::string row = "(";
  for (int c = 0; c < columns; ++c) row += c == 0 ? "?" : ", ?";
  row += ")";
  std::string out;
  for (int r = 0; r < rows; ++r) {
    if (r > 0) out += ", ";
    out += row;
  }
  return out;
}

}  // namespace

tl::expected<BatchInsert, std::string> BatchInsert::prepare(sqlite::Database& db, std::string_view table, int columns,
                                                            int batch) {
  const std::string head = "INSERT INTO " + std::string(table) + " VALUES ";
  OXIDIZE_TRY_VALUE(many, db.prepare(head + values_clause(columns, batch)));
  OXIDIZE_TRY_VALUE(one, db.prepare(head + values_clause(columns, 1)));
  return BatchInsert(std::move(many), std::move(one), columns, batch);
}

BatchInsert::BatchInsert(sqlite::Statement many, sqlite::Statement one, int columns, int batch)
    : m_many(std::move(many)),
      m_one(std::move(one)),
      m_columns(columns),
      m_batch(batch),
      m_values(static_cast<std::size_t>(batch * columns)) {}

void BatchInsert::bind_rows(sqlite::Statement& s, int first_row, int rows) {
  for (int r = 0; r < rows; ++r) {
    for (int c = 0; c < m_columns; ++c) {
      const Value& v = m_values[static_cast<std::size_t>((first_row + r) * m_columns + c)];
      const int index = r * m_columns + c + 1;
      switch (v.kind) {
        case Kind::integer: s.bind(index, v.integer); break;
        case Kind::text: s.bind_text(index, v.bytes); break;
        case Kind::blob: s.bind_blob(index, v.bytes); break;
      }
    }
  }
}

tl::expected<void, std::string> BatchInsert::end_row() {
  if (++m_rows < m_batch) return {};
  bind_rows(m_many, 0, m_batch);
  m_rows = 0;
  return m_many.run();
}

tl::expected<void, std::string> BatchInsert::flush() {
  const int rows = m_rows;
  m_rows = 0;
  for (int r = 0; r < rows; ++r) {
    bind_rows(m_one, r, 1);
    OXIDIZE_TRY(m_one.run());
  }
  return {};
}

}  // namespace oxidize::store
