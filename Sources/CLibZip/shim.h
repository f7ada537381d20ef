// libzip for Swift: OOXML (docx, xlsx) and OFD attachments are zip archives of XML.
#ifndef GOVLINT_CLIBZIP_SHIM_H
#define GOVLINT_CLIBZIP_SHIM_H
#include <zip.h>
#endif
