/* Minimal test harness: every case prints PASS:/FAIL:/SKIP: <name>. */
#ifndef PAM_WEB3_HARNESS_H
#define PAM_WEB3_HARNESS_H

#include <stdio.h>

extern int t_failed_checks;

/* Record a failed check inside the current case (keeps going). */
#define CHECK(cond)                                                            \
    do {                                                                       \
        if (!(cond)) {                                                         \
            fprintf(stderr, "  check failed %s:%d: %s\n", __FILE__, __LINE__, #cond); \
            t_failed_checks++;                                                 \
        }                                                                      \
    } while (0)

typedef void (*test_fn)(void);
void run_case(const char *name, test_fn fn);
void skip_case(const char *name, const char *why);

/* Vector-file tests (vectors.c) and PAM module tests (module_tests.c). */
void vector_tests(const char *vectors_dir);
void opnet_tests(const char *vectors_dir);
void module_tests(const char *test_module_path, const char *module_path, const char *work_dir);

#endif
