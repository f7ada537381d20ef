#ifndef GOVLINT_CYAML_SHIM_H
#define GOVLINT_CYAML_SHIM_H
#include <yaml.h>
#endif
