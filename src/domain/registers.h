/* registers.h — every register fazhi keeps, declared one concept per file
 * (mediation.c, reconsideration.c, …) and listed in registers.c. Included by
 * those declaration files only; everyone else finds registers by name. */
#ifndef FZ_REGISTERS_H
#define FZ_REGISTERS_H

#include <string.h>

#include "reg.h"

#define REG_NFIELD(a) ((int)(sizeof(a) / sizeof((a)[0])))

extern const Register reg_activity;
extern const Register reg_aid_case;
extern const Register reg_aid_document;
extern const Register reg_cleanup_campaign;
extern const Register reg_cleanup_item;
extern const Register reg_consultation;
extern const Register reg_culture_site;
extern const Register reg_decision;
extern const Register reg_dispute;
extern const Register reg_enf_case;
extern const Register reg_enf_event;
extern const Register reg_exam;
extern const Register reg_literate_class;
extern const Register reg_literate_trainee;
extern const Register reg_litigation;
extern const Register reg_media_episode;
extern const Register reg_meeting;
extern const Register reg_normdoc_review;
extern const Register reg_officer;
extern const Register reg_policy_doc;
extern const Register reg_progress_update;
extern const Register reg_reconsideration;
extern const Register reg_report;
extern const Register reg_screening;
extern const Register reg_task;
extern const Register reg_training;
extern const Register reg_training_attendance;

#endif
