// Typed wrappers for libcurl's variadic functions (curl_easy_setopt, curl_easy_getinfo,
// curl_multi_setopt), which Swift cannot call directly, and constants Swift cannot import.
#ifndef GOVLINT_CCURL_SHIM_H
#define GOVLINT_CCURL_SHIM_H
#include <curl/curl.h>

typedef size_t (*govlint_curl_data_cb)(char *, size_t, size_t, void *);
typedef size_t (*govlint_curl_read_cb)(char *, size_t, size_t, void *);
typedef int (*govlint_curl_xferinfo_cb)(void *, curl_off_t, curl_off_t, curl_off_t, curl_off_t);

static inline CURLcode govlint_easy_setopt_long(CURL *h, CURLoption o, long v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode govlint_easy_setopt_off(CURL *h, CURLoption o, curl_off_t v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode govlint_easy_setopt_string(CURL *h, CURLoption o, const char *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode govlint_easy_setopt_pointer(CURL *h, CURLoption o, void *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode govlint_easy_setopt_slist(CURL *h, CURLoption o, struct curl_slist *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode govlint_easy_setopt_data_cb(CURL *h, CURLoption o, govlint_curl_data_cb v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode govlint_easy_setopt_read_cb(CURL *h, CURLoption o, govlint_curl_read_cb v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode govlint_easy_setopt_xferinfo_cb(CURL *h, CURLoption o, govlint_curl_xferinfo_cb v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode govlint_easy_setopt_mime(CURL *h, CURLoption o, curl_mime *v) { return curl_easy_setopt(h, o, v); }

static inline CURLcode govlint_easy_getinfo_long(CURL *h, CURLINFO i, long *v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode govlint_easy_getinfo_off(CURL *h, CURLINFO i, curl_off_t *v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode govlint_easy_getinfo_double(CURL *h, CURLINFO i, double *v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode govlint_easy_getinfo_string(CURL *h, CURLINFO i, char **v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode govlint_easy_getinfo_pointer(CURL *h, CURLINFO i, void **v) { return curl_easy_getinfo(h, i, v); }

static inline CURLMcode govlint_multi_setopt_long(CURLM *m, CURLMoption o, long v) { return curl_multi_setopt(m, o, v); }

static const long govlint_CURLAUTH_ANY = (long)CURLAUTH_ANY;
static const long govlint_CURLAUTH_BASIC = (long)CURLAUTH_BASIC;
static const long govlint_CURLUSESSL_ALL = (long)CURLUSESSL_ALL;
static const long govlint_CURLUSESSL_TRY = (long)CURLUSESSL_TRY;
static const long govlint_CURL_HTTP_VERSION_2TLS = (long)CURL_HTTP_VERSION_2TLS;

// SMTP transport (GovMail): the debug callback is how the server's reply lines reach us
// (curl reports only "RCPT failed: 550", not the server's text).
typedef int (*govlint_curl_debug_cb)(CURL *, curl_infotype, char *, size_t, void *);
static inline CURLcode govlint_easy_setopt_debug_cb(CURL *h, CURLoption o, govlint_curl_debug_cb v) { return curl_easy_setopt(h, o, v); }
#endif
