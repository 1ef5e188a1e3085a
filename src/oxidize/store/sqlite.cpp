#include "oxidize/store/sqlite.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

#include <utility>

namespace oxidize::store::sqlite {

namespace {

// sqlite3_bind_blob with a null pointer binds NULL, not an empty blob; an
// empty std::string_view may well have a null data().
const char* non_null(std::string_view s) { return s.data() != nullptr ? s.data() : ""; }

}  // namespace

bool is_corruption(int rc) {
  const int primary = rc & 0xff;
  return primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB;
}

// ---- Connection

std::string Connection::error(std::string_view context) const {
  return error(context, db != nullptr ? sqlite3_extended_errcode(db) : SQLITE_NOMEM);
}

std::string Connection::error(std::string_view context, int rc) const {
  last_failure = rc;
  // The connection's message describes its last failure; for a code that
  // came from elsewhere (a bind), SQLite's generic text for the code is used.
  const char* text = db != nullptr && sqlite3_extended_errcode(db) == rc ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  std::string out = path;
  if (!context.empty()) out += fmt::format(": {}", context);
  out += fmt::format(": {}", text);
  if (is_corruption(rc))
    out += " (the file is damaged or is not an oxidize store: move it away, or choose another with --store PATH)";
  return out;
}

// ---- Statement

Statement::Statement(Statement&& other) noexcept
    : m_stmt(std::exchange(other.m_stmt, nullptr)),
      m_conn(other.m_conn),
      m_bind_error(other.m_bind_error),
      m_bind_index(other.m_bind_index) {}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    sqlite3_finalize(m_stmt);
    m_stmt = std::exchange(other.m_stmt, nullptr);
    m_conn = other.m_conn;
    m_bind_error = other.m_bind_error;
    m_bind_index = other.m_bind_index;
  }
  return *this;
}

Statement::~Statement() { sqlite3_finalize(m_stmt); }

void Statement::note_bind(int rc, int index) {
  if (rc != SQLITE_OK && m_bind_error == 0) {
    m_bind_error = rc;
    m_bind_index = index;
  }
}

void Statement::bind(int index, std::int64_t value) { note_bind(sqlite3_bind_int64(m_stmt, index, value), index); }

void Statement::bind_text(int index, std::string_view value) {
  note_bind(sqlite3_bind_text64(m_stmt, index, non_null(value), value.size(), SQLITE_STATIC, SQLITE_UTF8), index);
}

void Statement::bind_blob(int index, std::string_view bytes) {
  note_bind(sqlite3_bind_blob64(m_stmt, index, non_null(bytes), bytes.size(), SQLITE_STATIC), index);
}

tl::expected<bool, std::string> Statement::step() {
  if (m_bind_error != 0) {
    const int rc = std::exchange(m_bind_error, 0);
    sqlite3_reset(m_stmt);
    return tl::unexpected(m_conn->error(fmt::format("cannot bind parameter {}", m_bind_index), rc));
  }
  const int rc = sqlite3_step(m_stmt);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  // The message is read before the reset, which would replace it.
  std::string message = m_conn->error("", rc);
  sqlite3_reset(m_stmt);
  return tl::unexpected(std::move(message));
}

tl::expected<void, std::string> Statement::run() {
  auto r = step();
  sqlite3_reset(m_stmt);
  if (!r) return tl::unexpected(std::move(r.error()));
  return {};
}

void Statement::reset() { sqlite3_reset(m_stmt); }

std::int64_t Statement::column_int64(int index) const { return sqlite3_column_int64(m_stmt, index); }

std::string_view Statement::column_text(int index) const {
  // Pointer first, then size: the order SQLite documents for a stable result.
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, index));
  const int n = sqlite3_column_bytes(m_stmt, index);
  return p == nullptr ? std::string_view() : std::string_view(p, static_cast<std::size_t>(n));
}

std::string_view Statement::column_blob(int index) const {
  const auto* p = static_cast<const char*>(sqlite3_column_blob(m_stmt, index));
  const int n = sqlite3_column_bytes(m_stmt, index);
  return p == nullptr ? std::string_view() : std::string_view(p, static_cast<std::size_t>(n));
}

bool Statement::column_is_null(int index) const { return sqlite3_column_type(m_stmt, index) == SQLITE_NULL; }

// ---- Database

tl::expected<Database, std::string> Database::open(const std::string& path, int flags, std::string_view shown) {
  auto conn = std::make_unique<Connection>();
  conn->path = shown.empty() ? path : std::string(shown);
  const int rc = sqlite3_open_v2(path.c_str(), &conn->db, flags | SQLITE_OPEN_EXRESCODE, nullptr);
  Database result(std::move(conn));  // closes the handle SQLite returns even on failure
  if (rc != SQLITE_OK) return tl::unexpected(result.error("cannot open", rc));
  return result;
}

// sqlite3_close_v2 waits for every statement to be finalized, so the order in
// which an owner's members are destroyed does not matter.
Database::~Database() {
  if (m_conn) sqlite3_close_v2(m_conn->db);
}

tl::expected<void, std::string> Database::exec(std::string_view sql) {
  const std::string text(sql);  // sqlite3_exec wants a NUL-terminated string
  const int rc = sqlite3_exec(m_conn->db, text.c_str(), nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return tl::unexpected(error("", rc));
  return {};
}

tl::expected<Statement, std::string> Database::prepare(std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  const int rc = sqlite3_prepare_v3(m_conn->db, sql.data(), static_cast<int>(sql.size()),
                                    SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK) {
    sqlite3_finalize(stmt);
    return tl::unexpected(error("", rc));
  }
  return Statement(stmt, m_conn.get());
}

tl::expected<std::int64_t, std::string> Database::query_int(std::string_view sql) {
  auto stmt = prepare(sql);
  if (!stmt) return tl::unexpected(std::move(stmt.error()));
  auto row = stmt->step();
  if (!row) return tl::unexpected(std::move(row.error()));
  if (!*row) return tl::unexpected(fmt::format("{}: no result from {}", path(), sql));
  return stmt->column_int64(0);
}

std::int64_t Database::last_insert_rowid() const { return sqlite3_last_insert_rowid(m_conn->db); }

bool Database::is_read_only() const { return sqlite3_db_readonly(m_conn->db, "main") == 1; }

// ---- Transaction

tl::expected<Transaction, std::string> Transaction::begin(Database& db, Kind kind) {
  auto r = db.exec(kind == Kind::immediate ? "BEGIN IMMEDIATE" : "BEGIN");
  if (!r) return tl::unexpected(std::move(r.error()));
  return Transaction(db.m_conn.get());
}

Transaction::Transaction(Transaction&& other) noexcept : m_conn(std::exchange(other.m_conn, nullptr)) {}

Transaction::~Transaction() {
  // After some failures (a full disk, an I/O error) SQLite has already rolled
  // back on its own: then there is nothing left to end.
  if (m_conn != nullptr && sqlite3_get_autocommit(m_conn->db) == 0)
    sqlite3_exec(m_conn->db, "ROLLBACK", nullptr, nullptr, nullptr);
}

tl::expected<void, std::string> Transaction::commit() {
  Connection* conn = std::exchange(m_conn, nullptr);
  const int rc = sqlite3_exec(conn->db, "COMMIT", nullptr, nullptr, nullptr);
  if (rc == SQLITE_OK) return {};
  std::string message = conn->error("cannot commit", rc);
  // A COMMIT that fails (SQLITE_BUSY, a full disk) may leave the transaction open: end it.
  if (sqlite3_get_autocommit(conn->db) == 0) sqlite3_exec(conn->db, "ROLLBACK", nullptr, nullptr, nullptr);
  return tl::unexpected(std::move(message));
}

}  // namespace oxidize::store::sqlite
