/* registers.h — every register fazhi keeps, declared one concept per file
 * (mediation.c, reconsideration.c, …) and listed in registers.c. Included by
 * those declaration files only; everyone else finds registers by name. */
#ifndef FZ_REGISTERS_H
#define FZ_REGISTERS_H

#include <string.h>

#include "reg.h"

#define REG_NFIELD(a) ((int)(sizeof(a) / sizeof((a)[0])))

extern const Register reg_dispute;
extern const Register reg_reconsideration;
extern const Register reg_screening;

#endif
