// SQLITE_TRANSIENT is a cast macro Swift cannot import: expose it as a function.
#ifndef GOVLINT_CSQLITE_SHIM_H
#define GOVLINT_CSQLITE_SHIM_H
#include <sqlite3.h>
static inline sqlite3_destructor_type govlint_sqlite_transient(void) { return SQLITE_TRANSIENT; }
#endif
