/* regjson.h — records as JSON (jansson): what the API returns, what the
 * audit log keeps as before/after, and what an API client sends. */
#ifndef FZ_REGJSON_H
#define FZ_REGJSON_H

#include <jansson.h>

#include "reg.h"

/* A new object: id, org, every field (dates ISO, money as yuan text,
 * booleans, enum codes; ID numbers masked unless the actor may see them;
 * a NULL actor sees everything), voided and the metadata. */
json_t *reg_to_json(const Record *r, const Actor *a);
/* The same as compact text, keys in declaration order; caller frees. */
char *reg_to_json_text(const Record *r, const Actor *a);

/* Set r's fields from a JSON object, each value through reg_set_text so
 * every input path shares one set of rules. Unknown keys are an error;
 * read-only keys (id, voided, created_at, …) are ignored. With listAll every
 * bad key is listed in e's items. */
int reg_from_json(Record *r, const json_t *obj, int listAll, Err *e);

#endif
