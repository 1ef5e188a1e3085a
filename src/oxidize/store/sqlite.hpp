#pragma once
// A thin RAII layer over SQLite's C API: a connection, a prepared statement
// and a transaction, with errors as one-line messages in tl::expected. Only
// what the store needs; nothing here knows the schema.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include <tl/expected.hpp>

struct sqlite3;
struct sqlite3_stmt;

namespace oxidize::store::sqlite {

// The open handle and its file name, on the heap so that statements and
// transactions keep a valid pointer when the Database that owns it moves.
struct Connection {
  sqlite3* db = nullptr;
  std::string path;
  // The result code of the last failure reported through error(): set where
  // the failure happened, unlike sqlite3_errcode, which later calls change.
  mutable int last_failure = 0;

  // "PATH: context: SQLite's message" for the connection's last error, or for
  // `rc` when given, plus a hint when the file is damaged or not a database
  // at all (the one error a user can do nothing about but move the file away).
  std::string error(std::string_view context) const;
  std::string error(std::string_view context, int rc) const;
};

// A prepared statement, reused across rows: bind, step, reset. A bind error
// (only possible on a programming mistake: index out of range) is kept and
// reported by the next step(), so that callers check one result per row.
class Statement {
 public:
  Statement() = default;
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  // Parameters are 1-based, as in SQL's ?1. Strings and blobs are NOT copied:
  // they must stay alive until the step that uses them.
  void bind(int index, std::int64_t value);
  void bind_text(int index, std::string_view value);
  void bind_blob(int index, std::string_view bytes);

  // true: a row is ready to read; false: done. Errors name the statement's database.
  tl::expected<bool, std::string> step();
  // Runs a statement that returns no rows, then resets it for the next use.
  tl::expected<void, std::string> run();
  // Ready for the next row; bindings are kept until re-bound.
  void reset();

  // Columns are 0-based. Views stay valid until the next step or reset.
  std::int64_t column_int64(int index) const;
  std::string_view column_text(int index) const;
  std::string_view column_blob(int index) const;
  bool column_is_null(int index) const;

 private:
  friend class Database;
  Statement(sqlite3_stmt* stmt, const Connection* conn) : m_stmt(stmt), m_conn(conn) {}
  void note_bind(int rc, int index);

  sqlite3_stmt* m_stmt = nullptr;
  const Connection* m_conn = nullptr;
  int m_bind_error = 0;  // first SQLite code returned by a bind since the last step
  int m_bind_index = 0;
};

// One connection. Messages name the file: "PATH: what: SQLite's message".
class Database {
 public:
  // `flags` are sqlite3_open_v2's (SQLITE_OPEN_READONLY, ...). `shown` is
  // the name messages use when `path` is a URI (default: `path`).
  static tl::expected<Database, std::string> open(const std::string& path, int flags, std::string_view shown = {});

  Database(Database&&) noexcept = default;
  Database& operator=(Database&&) noexcept = default;
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
  ~Database();

  // One or more statements without results (DDL, PRAGMA assignments).
  tl::expected<void, std::string> exec(std::string_view sql);
  tl::expected<Statement, std::string> prepare(std::string_view sql);
  // The single integer a query such as "PRAGMA user_version" returns.
  tl::expected<std::int64_t, std::string> query_int(std::string_view sql);

  std::int64_t last_insert_rowid() const;
  bool is_read_only() const;
  // SQLite's primary result code of the last failure reported since
  // forget_failure() (SQLITE_BUSY, SQLITE_READONLY...), or 0.
  int last_failure() const { return m_conn->last_failure & 0xff; }
  void forget_failure() { m_conn->last_failure = 0; }
  const std::string& path() const { return m_conn->path; }
  std::string error(std::string_view context) const { return m_conn->error(context); }
  std::string error(std::string_view context, int rc) const { return m_conn->error(context, rc); }
  sqlite3* handle() const { return m_conn->db; }

 private:
  friend class Transaction;
  explicit Database(std::unique_ptr<Connection> conn) : m_conn(std::move(conn)) {}

  std::unique_ptr<Connection> m_conn;
};

// True for the result codes that mean "this file is damaged or not SQLite".
bool is_corruption(int rc);

// BEGIN on construction, ROLLBACK on destruction unless committed. IMMEDIATE
// takes the write lock at once, so that a second writer waits (busy timeout)
// at BEGIN instead of failing half-way when its read lock cannot be upgraded.
class Transaction {
 public:
  enum class Kind { deferred, immediate };
  static tl::expected<Transaction, std::string> begin(Database& db, Kind kind);

  Transaction(Transaction&& other) noexcept;
  Transaction& operator=(Transaction&&) = delete;
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction();

  tl::expected<void, std::string> commit();

 private:
  explicit Transaction(Connection* conn) : m_conn(conn) {}
  Connection* m_conn = nullptr;  // null once committed or rolled back
};

}  // namespace oxidize::store::sqlite
