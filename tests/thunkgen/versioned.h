/* Fixture: a library with symbol versions and a va_list function. */
#include <stdarg.h>

int versioned_old(int value);
int versioned_new(int value);
int versioned_format(const char *format, va_list arguments);
