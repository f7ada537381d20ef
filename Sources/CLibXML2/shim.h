// libxml2 for Swift. Debian's headers define LIBXML_ICU_ENABLED, which drags the system ICU
// into the module and clashes with Foundation's copy on a clean build: undefine it first.
#ifndef GOVLINT_CLIBXML2_SHIM_H
#define GOVLINT_CLIBXML2_SHIM_H
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <libxml/xmlerror.h>
#include <libxml/globals.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlreader.h>

/// xmlFree is a global function-pointer variable; Swift 6 rejects it as not concurrency-safe.
static inline void govlint_xml_free(void *p) { xmlFree(p); }

static void govlint_xml_silent_generic(void *ctx, const char *msg, ...) { (void)ctx; (void)msg; }
static void govlint_xml_silent_structured(void *ctx, const xmlError *err) { (void)ctx; (void)err; }

/// libxml2 prints encoding errors even with HTML_PARSE_NOERROR; handlers are per thread,
/// so call this on every thread that parses.
static inline void govlint_xml_silence_errors(void) {
    xmlSetGenericErrorFunc(NULL, govlint_xml_silent_generic);
    xmlSetStructuredErrorFunc(NULL, (xmlStructuredErrorFunc)govlint_xml_silent_structured);
}

/// Parses HTML that is already UTF-8 (GovExtract transcodes first), ignoring any <meta
/// charset>. Sets XML_PARSE_HUGE on the context, which htmlReadMemory cannot: without it
/// libxml2 stops the whole parse at nesting depth 256 (broken pages with unclosed <font> or
/// <div> reach that), silently losing the rest of the page; with it the limit is 2048.
static inline xmlDocPtr govlint_html_parse_utf8(const char *buffer, int size, int options) {
    htmlParserCtxtPtr ctxt = htmlCreateMemoryParserCtxt(buffer, size);
    if (ctxt == NULL) return NULL;
    htmlCtxtUseOptions(ctxt, options | HTML_PARSE_IGNORE_ENC);
    ctxt->options |= XML_PARSE_HUGE;
    xmlSwitchEncoding(ctxt, XML_CHAR_ENCODING_UTF8);
    htmlParseDocument(ctxt);
    xmlDocPtr doc = ctxt->myDoc;
    ctxt->myDoc = NULL;
    htmlFreeParserCtxt(ctxt);
    return doc;
}

/// Parses an XML feed (UTF-8) in recovery mode. `*halted` is set when libxml2 stopped the
/// parse itself — entity amplification, nesting past its limit, out of memory — rather
/// than recovering: the document is then a fragment and must not be read as the feed.
static inline xmlDocPtr govlint_xml_parse_feed(const char *buffer, int size, int options, int *halted) {
    *halted = 0;
    xmlParserCtxtPtr ctxt = xmlCreateMemoryParserCtxt(buffer, size);
    if (ctxt == NULL) return NULL;
    xmlCtxtUseOptions(ctxt, options);
    xmlSwitchEncoding(ctxt, XML_CHAR_ENCODING_UTF8);
    xmlParseDocument(ctxt);
    *halted = ctxt->disableSAX != 0;
    xmlDocPtr doc = ctxt->myDoc;
    ctxt->myDoc = NULL;
    xmlFreeParserCtxt(ctxt);
    return doc;
}
#endif
