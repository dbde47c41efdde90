# Third-party libraries, all found through pkg-config. Each becomes an
# imported target (PkgConfig::NAME) that only the module using it links.
find_package(PkgConfig REQUIRED)

pkg_check_modules(NCURSESW REQUIRED IMPORTED_TARGET ncursesw)
pkg_check_modules(SQLITE3 REQUIRED IMPORTED_TARGET sqlite3>=3.35)
pkg_check_modules(CURL REQUIRED IMPORTED_TARGET libcurl)
pkg_check_modules(LIBXML2 REQUIRED IMPORTED_TARGET libxml-2.0)
pkg_check_modules(UTF8PROC REQUIRED IMPORTED_TARGET libutf8proc)
pkg_check_modules(JSONC REQUIRED IMPORTED_TARGET json-c)
pkg_check_modules(ZLIB REQUIRED IMPORTED_TARGET zlib)

# The search index needs FTS5. Distributions build SQLite with it, but a
# custom SQLite may lack it; find out now rather than on a user's first search.
include(CheckCSourceRuns)
set(CMAKE_REQUIRED_INCLUDES ${SQLITE3_INCLUDE_DIRS})
set(CMAKE_REQUIRED_LINK_OPTIONS ${SQLITE3_LDFLAGS})
set(CMAKE_REQUIRED_LIBRARIES ${SQLITE3_LINK_LIBRARIES})
check_c_source_runs([=[
#include <sqlite3.h>
int main(void) {
  sqlite3 *db = 0;
  int ok = sqlite3_open(":memory:", &db) == SQLITE_OK &&
           sqlite3_exec(db, "CREATE VIRTUAL TABLE t USING fts5(x)", 0, 0, 0) == SQLITE_OK;
  sqlite3_close(db);
  return ok ? 0 : 1;
}
]=] BANTIN_SQLITE_HAS_FTS5)
unset(CMAKE_REQUIRED_INCLUDES)
unset(CMAKE_REQUIRED_LINK_OPTIONS)
unset(CMAKE_REQUIRED_LIBRARIES)
if(NOT BANTIN_SQLITE_HAS_FTS5)
  message(FATAL_ERROR
    "SQLite ${SQLITE3_VERSION} was found, but it is built without FTS5, "
    "which bantin's search index needs. Install a SQLite built with "
    "SQLITE_ENABLE_FTS5 (Debian and Ubuntu's libsqlite3-dev is).")
endif()
