/* registers.c — the table of every register, sorted by name (a test checks
 * the order). Adding a register is declaring it in its own file and adding
 * one line here. */
#include "registers.h"

const Register *const reg_all[] = {
    &reg_dispute,
    &reg_reconsideration,
    &reg_screening,
};

const int reg_count = (int)(sizeof reg_all / sizeof reg_all[0]);
