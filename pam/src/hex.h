#ifndef PAM_WEB3_HEX_H
#define PAM_WEB3_HEX_H

#include <stddef.h>
#include <stdint.h>

/* Value of one hex digit, or -1. */
int hex_digit(char c);
/* Decode exactly 2*n hex chars into n bytes. Returns 0 or -1 (nothing partial kept). */
int hex_decode(const char *s, uint8_t *out, size_t n);
/* Lower-case hex of n bytes into out (2*n chars + NUL). */
void hex_encode(const uint8_t *in, size_t n, char *out);

#endif
