/* registers.c — the table of every register, sorted by name (a test checks
 * the order). Adding a register is declaring it in its own file and adding
 * one line here. */
#include "registers.h"

const Register *const reg_all[] = {
    &reg_activity,
    &reg_aid_case,
    &reg_aid_document,
    &reg_cleanup_campaign,
    &reg_cleanup_item,
    &reg_consultation,
    &reg_culture_site,
    &reg_decision,
    &reg_dispute,
    &reg_enf_case,
    &reg_enf_event,
    &reg_exam,
    &reg_literate_class,
    &reg_literate_trainee,
    &reg_litigation,
    &reg_media_episode,
    &reg_meeting,
    &reg_normdoc_review,
    &reg_officer,
    &reg_policy_doc,
    &reg_progress_update,
    &reg_reconsideration,
    &reg_report,
    &reg_screening,
    &reg_task,
    &reg_training,
    &reg_training_attendance,
};

const int reg_count = (int)(sizeof reg_all / sizeof reg_all[0]);
